# language: pt
@requisito_recebimento
Funcionalidade: Recebimento de processo com sucesso
  Requisito mínimo do PEN: o órgão recebe um processo enviado por outro órgão, confere
  os componentes digitais e envia o recibo de conclusão. O trâmite termina na situação 6.

  @ambiente_simulador @ambiente_homologacao @ambiente_producao
  Cenário: Recebimento de processo enviado por outro órgão
    Dado que a contraparte do requisito enviou um processo ao órgão
    Quando o órgão recebe o processo e envia o recibo de conclusão
    Então os componentes recebidos conferem com os hashes dos metadados
    E o trâmite termina na situação 6
    E o histórico de situações é 1, 2, 3, 4, 5, 6
