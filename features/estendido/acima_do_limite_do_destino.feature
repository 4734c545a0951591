# language: pt
@requisito_acima_do_limite_do_destino
Funcionalidade: Componente maior do que o destino aceita
  Perfil estendido (além dos requisitos mínimos): cada SEI define o tamanho máximo de um documento externo; o
  módulo recusa sozinho (motivo 99, com a mensagem que cita o máximo) um processo com um arquivo maior. O SPE do
  órgão toma ciência da recusa (situação 9). Só no simulador: é ele que diz o limite de cada destino.

  @ambiente_simulador
  Cenário: Componente acima do tamanho máximo do destino
    Dado um processo de teste com um documento a mais, recusado pelo destino por tamanho
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão toma ciência da recusa do destinatário
    Então o trâmite termina na situação 9
    E o histórico de situações é 1, 2, 3, 8, 9
    E o destinatário recusou sozinho, com o motivo previsto e uma justificativa que cita o que recusou
