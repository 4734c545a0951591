# language: pt
@requisito_anexado_e_apensado
Funcionalidade: Processo com outro anexado e outro apensado
  Perfil estendido (além dos requisitos mínimos): os documentos de um processo anexado vão entre os do processo,
  na ordem deles, com o número do anexado (protocoloDoProcessoAnexado); um processo apensado vai inteiro, com o
  seu número, em processoApensado, e o Tramita.GOV.BR pede os componentes de cada processo pelo número dele.

  @ambiente_simulador @ambiente_homologacao
  Cenário: Envio de processo com outro anexado e outro apensado
    Dado um processo de teste com outro processo anexado e outro apensado
    Quando o órgão envia o processo à contraparte do requisito
    E o órgão recebe o recibo de conclusão do destinatário
    Então o trâmite termina na situação 6
    E o histórico de situações é 1, 2, 3, 4, 5, 6
    E os hashes do recibo de envio conferem com os componentes enviados
    E os hashes do recibo de conclusão conferem com os componentes enviados
    E a assinatura do recibo de conclusão confere com o certificado do destinatário
    E o Tramita.GOV.BR registra o documento do processo anexado e o processo apensado
