# language: pt
@requisito_nao_mapeado_no_destino
Funcionalidade: Espécie ou formato que o destino não mapeia
  Perfil estendido (além dos requisitos mínimos): o SEI do destino recusa sozinho um processo com um documento de
  espécie que ele não mapeia (motivo 04) ou num formato de arquivo que ele não aceita (motivo 01), com a mensagem
  do módulo. A recusa é uma das três formas de conclusão: o SPE do órgão toma ciência dela (situação 9) e o
  processo volta à unidade. Só no simulador: é ele que diz o que cada destino recusa.

  @ambiente_simulador
  Cenário: Documento de espécie que o destino não mapeia
    Dado um processo de teste com um documento a mais, recusado pelo destino por espécie
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão toma ciência da recusa do destinatário
    Então o trâmite termina na situação 9
    E o histórico de situações é 1, 2, 3, 8, 9
    E o destinatário recusou sozinho, com o motivo previsto e uma justificativa que cita o que recusou

  @ambiente_simulador
  Cenário: Documento em formato que o destino não aceita
    Dado um processo de teste com um documento a mais, recusado pelo destino por formato
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão toma ciência da recusa do destinatário
    Então o trâmite termina na situação 9
    E o histórico de situações é 1, 2, 3, 8, 9
    E o destinatário recusou sozinho, com o motivo previsto e uma justificativa que cita o que recusou
