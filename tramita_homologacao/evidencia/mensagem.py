"""The message to PEN: the e-mail the organ sends, from an institutional address, about its tests."""

from __future__ import annotations

from pathlib import Path

from tramita_homologacao.evidencia.relatorio import data_legivel


def gerar_mensagem(resumo: dict) -> str:
    orgao, ambiente = resumo["orgao"], resumo["ambiente"]
    em_producao = ambiente["tipo"] == "producao"
    fase = {"simulador": "no simulador", "homologacao": "em homologação", "producao": "em produção"}[ambiente["tipo"]]
    linhas = [
        f"Para: {resumo['email_notificacao_pen']}",
        f"Assunto: {orgao['sigla']} - testes dos requisitos mínimos do Tramita.GOV.BR {fase}",
        "",
        "Prezada equipe do Processo Eletrônico Nacional,",
        "",
        f"Informamos que o(a) {orgao['nome']} ({orgao['sigla']}) "
        + ("iniciou os testes de produção" if em_producao else f"executou {fase} os testes")
        + f" dos requisitos mínimos de integração ao Tramita.GOV.BR em {data_legivel(resumo['inicio'])}.",
    ]
    if resumo.get("unidade_de_teste_de_producao"):
        unidade = resumo["unidade_de_teste_de_producao"]
        linhas.append(
            f'Os processos de teste, descritos como "TESTE – {orgao["sigla"]}", foram enviados à unidade '
            f"{unidade['descricao']} (repositório {unidade['repositorio']}, estrutura {unidade['estrutura']})."
        )
    linhas += ["", "Trâmites:", ""]
    for requisito in resumo["requisitos"]:
        linhas.append(f"- {requisito['titulo']}: {requisito['veredito']}")
        for t in requisito["tramites"]:
            linhas.append(
                f"    IDT {t['idt']} | NRE {t['nre']} | protocolo {t['protocolo']} | situação {t['situacao_final']} "
                f"({t['situacao_final_descricao']})"
            )
        if not requisito["tramites"]:
            linhas.append("    (nenhum trâmite ainda)")
    linhas += _pedidos(resumo)
    linhas += [
        "",
        f"Unidades do órgão: repositório {orgao['repositorio']}, envio {orgao['unidade_envio']}, "
        f"recebimento {orgao['unidade_recebimento']}.",
    ]
    if resumo.get("certificado"):
        linhas.append(
            f"Certificado do sistema: {resumo['certificado']['titular']} "
            f"(SHA-256 {resumo['certificado']['impressao_digital_sha256']})."
        )
    linhas += [
        "Segue anexo o relatório de homologação (relatorio-homologacao.pdf) com o histórico de cada trâmite.",
        "",
        "Atenciosamente,",
        "",
        f"Gestor(a) de protocolo - {orgao['nome']}",
    ]
    return "\n".join(linhas) + "\n"


def _pedidos(resumo: dict) -> list[str]:
    """Exactly what the campaign still needs from PEN: one processo per open request, and the adoption rule."""
    abertos = [p for p in resumo["pedidos_ao_pen"] if not p["idt"]]
    if not abertos:
        return []
    orgao = resumo["orgao"]
    requisitos = {r["id"]: r for r in resumo["requisitos"]}
    destino = f"unidade {orgao['unidade_recebimento']} do repositório {orgao['repositorio']}"
    linhas = ["", f"Para concluir, solicitamos o envio de {len(abertos)} processo(s) de teste à {destino}:"]
    for pedido in abertos:
        requisito = requisitos[pedido["requisito"]]
        contraparte = requisito["contraparte"] or {}
        o_que = "será recebido" if pedido["requisito"] == "recebimento" else "será recusado"
        linhas.append(
            f"- para {requisito['titulo'].lower()}: um processo de {contraparte.get('descricao') or 'órgão de teste'} "
            f"(repositório {contraparte.get('repositorio')}, unidade {contraparte.get('estrutura')}), que {o_que};"
        )
    linhas += ["", resumo["regra_de_adocao"]]
    return linhas


def escrever_mensagem(resumo: dict, pasta: Path) -> Path:
    caminho = pasta / "mensagem-pen.txt"
    caminho.write_text(gerar_mensagem(resumo), encoding="utf-8")
    return caminho
