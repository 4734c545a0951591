# language: pt
@requisito_recusa
Funcionalidade: Recusa de processo recebido
  Requisito mínimo do PEN: o órgão recusa um processo recebido de outro órgão, com motivo e
  justificativa, e o remetente toma ciência. O trâmite termina na situação 9.
  A recusa é uma das três formas de conclusão de um trâmite; não é um erro.

  @ambiente_simulador @ambiente_homologacao @ambiente_producao
  Cenário: Recusa de processo recebido, com motivo e justificativa
    Dado que a contraparte do requisito enviou um processo ao órgão
    Quando o órgão recusa o processo com o motivo "99" e a justificativa "Processo de teste de homologação recusado conforme combinado com a equipe do PEN."
    Então o trâmite termina na situação 9
    E o histórico de situações é 1, 2, 3, 8, 9
    E a recusa registra o motivo e a justificativa enviados

  # Só no simulador: fora dele cada cenário de recebimento pede um processo a uma pessoa do PEN, e o
  # limite da justificativa não é requisito publicado. Não no SEI: o módulo escolhe a justificativa.
  @ambiente_simulador @pessoa_recusa
  Cenário: Recusa com justificativa no limite de 1000 caracteres
    Dado que a contraparte do requisito enviou um processo ao órgão
    Quando o órgão recusa o processo com o motivo "01" e uma justificativa de 1000 caracteres
    Então o trâmite termina na situação 9
    E a recusa registra o motivo e a justificativa enviados
