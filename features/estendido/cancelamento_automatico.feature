# language: pt
@requisito_cancelamento_automatico
Funcionalidade: Cancelamento automático de trâmite parado
  Perfil estendido (além dos requisitos mínimos): um trâmite que o destinatário não recebe fica parado nas
  situações 1 a 4; esgotado o prazo, o Tramita.GOV.BR o cancela sozinho (situação 10), e o SPE do órgão devolve
  o processo à unidade. Só no simulador: fora dele o prazo é de dias, e a unidade de teste do PEN precisaria
  deixar o trâmite sem receber.

  @ambiente_simulador
  Cenário: Trâmite não recebido, cancelado automaticamente ao fim do prazo
    Dado um processo de teste com um ofício em PDF e um despacho em HTML
    Quando o órgão envia o processo à contraparte do requisito
    E o destinatário não recebe o trâmite até o fim do prazo
    Então o trâmite termina na situação 10
    E o histórico de situações é 1, 2, 10
