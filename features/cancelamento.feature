# language: pt
@requisito_cancelamento
Funcionalidade: Cancelamento de trâmite pelo remetente
  O órgão cancela um trâmite que iniciou, antes que o destinatário o conclua (situações 1 a 4).
  Depois do recibo de conclusão (situações 5 e 6) o cancelamento não é mais possível.
  Não é um requisito publicado pelo PEN: os usuários do órgão precisam desfazer um envio errado.

  @ambiente_simulador @ambiente_homologacao @ambiente_producao
  Cenário: Cancelamento de trâmite antes da conclusão
    Dado um processo de teste com um ofício em PDF e um despacho em HTML
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão cancela o trâmite
    Então o trâmite termina na situação 7
    E o histórico de situações é 1, 2, 7

  # Só no modo api: é o harness que tenta cancelar (no modo assistido ele não age, e o módulo do SPE nem
  # oferece o cancelamento depois da conclusão).
  @ambiente_simulador @ambiente_homologacao @modo_api
  Cenário: Cancelamento recusado depois da conclusão do trâmite
    Dado um processo de teste com um ofício em PDF e um despacho em HTML
    Quando o órgão envia o processo à contraparte do requisito "envio"
    E o órgão recebe o recibo de conclusão do destinatário
    Então o Tramita.GOV.BR recusa o cancelamento do trâmite
    E o trâmite termina na situação 6
