# language: pt
@requisito_varios_componentes
Funcionalidade: Documento com vários componentes digitais
  Perfil estendido (além dos requisitos mínimos): cada documento leva mais de um arquivo (componente digital),
  cada um com sua ordem e seu hash, e o destinatário baixa e confirma todos no recibo de conclusão.

  # Não no SEI (modo assistido): o módulo não envia isto.
  @ambiente_simulador @ambiente_homologacao @ambiente_producao @sei_nao_envia
  Cenário: Envio de processo com documentos de três componentes digitais
    Dado um processo de teste com documentos de 3 componentes digitais cada
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão recebe o recibo de conclusão do destinatário
    Então o trâmite termina na situação 6
    E o histórico de situações é 1, 2, 3, 4, 5, 6
    E os hashes do recibo de envio conferem com os componentes enviados
    E os hashes do recibo de conclusão conferem com os componentes enviados
    E a assinatura do recibo de conclusão confere com o certificado do destinatário
    E o Tramita.GOV.BR registra os 3 componentes digitais de um documento
