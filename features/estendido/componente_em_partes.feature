# language: pt
@requisito_componente_em_partes
Funcionalidade: Componente grande, enviado em partes
  Perfil estendido (além dos requisitos mínimos): um arquivo maior que o bloco de transferência (50 MB no módulo
  do SEI; no harness, tamanho_bloco_mb da seção [conexao]) vai em partes, e o destinatário o baixa em partes.
  O Tramita.GOV.BR registra o arquivo inteiro, e o recibo de conclusão traz o hash dele.

  @ambiente_simulador @ambiente_homologacao
  Cenário: Envio de processo com um documento maior que o bloco de transferência
    Dado um processo de teste com um documento maior que o bloco de transferência
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão recebe o recibo de conclusão do destinatário
    Então o trâmite termina na situação 6
    E o histórico de situações é 1, 2, 3, 4, 5, 6
    E os hashes do recibo de envio conferem com os componentes enviados
    E os hashes do recibo de conclusão conferem com os componentes enviados
    E a assinatura do recibo de conclusão confere com o certificado do destinatário
    E o Tramita.GOV.BR registra inteiro o componente maior que o bloco
