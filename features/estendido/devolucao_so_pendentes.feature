# language: pt
@requisito_devolucao_so_pendentes
Funcionalidade: Devolução de processo só com os componentes pendentes
  Perfil estendido (além dos requisitos mínimos): um processo que o órgão enviou volta a ele com um documento novo,
  com o mesmo NRE e enviarApenasComponentesDigitaisPendentes. O Tramita.GOV.BR só transfere os componentes que o
  órgão ainda não tem, e o SPE do órgão recebe o processo com o que já tinha e o que chegou. Só no simulador: é
  ele que faz a contraparte devolver o processo.

  @ambiente_simulador
  Cenário: Processo devolvido ao órgão com um documento novo
    Dado um processo de teste com um ofício em PDF e um despacho em HTML
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão recebe o recibo de conclusão do destinatário
    E a contraparte devolve o processo ao órgão com um documento novo, só com os componentes pendentes
    E o órgão recebe o processo e envia o recibo de conclusão
    Então o trâmite termina na situação 6
    E o histórico de situações é 1, 2, 3, 4, 5, 6
    E na devolução o Tramita.GOV.BR só transferiu os componentes que o órgão não tinha
