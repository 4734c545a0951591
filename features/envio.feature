# language: pt
@requisito_envio
Funcionalidade: Envio de processo com sucesso
  Requisito mínimo do PEN: o órgão envia um processo a outro órgão pelo Tramita.GOV.BR
  e recebe o recibo de conclusão. O trâmite termina na situação 6.

  @ambiente_simulador @ambiente_homologacao @ambiente_producao
  Cenário: Envio de processo com um ofício em PDF e um despacho em HTML
    Dado um processo de teste com um ofício em PDF e um despacho em HTML
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão recebe o recibo de conclusão do destinatário
    Então o trâmite termina na situação 6
    E o histórico de situações é 1, 2, 3, 4, 5, 6
    E os hashes do recibo de envio conferem com os componentes enviados
    E os hashes do recibo de conclusão conferem com os componentes enviados
    E a assinatura do recibo de conclusão confere com o certificado do destinatário
