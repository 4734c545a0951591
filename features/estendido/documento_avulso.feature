# language: pt
@requisito_documento_avulso
Funcionalidade: Envio de documento avulso
  Perfil estendido (além dos requisitos mínimos): o órgão envia um documento fora de processo, pelo
  POST tramites/documento, e o destinatário o conclui. O módulo do SEI recebe documentos avulsos, mas nunca os
  envia: o endereço e a forma do envio são inferidos (docs/api-tramita.md §2.8.4).

  # Não no SEI (modo assistido): o módulo não envia isto.
  @ambiente_simulador @ambiente_homologacao @ambiente_producao @sei_nao_envia
  Cenário: Envio de documento avulso com sucesso
    Dado um documento avulso de teste, em PDF
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão recebe o recibo de conclusão do destinatário
    Então o trâmite termina na situação 6
    E o histórico de situações é 1, 2, 3, 4, 5, 6
    E os hashes do recibo de envio conferem com os componentes enviados
    E os hashes do recibo de conclusão conferem com os componentes enviados
    E a assinatura do recibo de conclusão confere com o certificado do destinatário
    E o Tramita.GOV.BR registra um documento avulso com os componentes enviados
