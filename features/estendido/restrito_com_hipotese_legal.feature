# language: pt
@requisito_restrito_com_hipotese_legal
Funcionalidade: Processo restrito, com hipótese legal
  Perfil estendido (além dos requisitos mínimos): um processo de nível de acesso restrito (nivelDeSigilo 2) leva
  uma hipótese legal das que o Tramita.GOV.BR lista como ativas, no processo e nos documentos restritos. Sem ela,
  a plataforma recusa o envio. Processo sigiloso (3) não é enviado pelo módulo do SEI.

  @ambiente_simulador @ambiente_homologacao @ambiente_producao
  Cenário: Envio de processo restrito com hipótese legal
    Dado um processo de teste restrito, com uma hipótese legal ativa do Tramita.GOV.BR
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão recebe o recibo de conclusão do destinatário
    Então o trâmite termina na situação 6
    E o histórico de situações é 1, 2, 3, 4, 5, 6
    E os hashes do recibo de envio conferem com os componentes enviados
    E os hashes do recibo de conclusão conferem com os componentes enviados
    E a assinatura do recibo de conclusão confere com o certificado do destinatário
    E o Tramita.GOV.BR registra o sigilo restrito e a hipótese legal do processo e dos documentos
