-- Livro gravado pelo harness do commit 8db9d1f (2026-12-04), primeira camada versionada (PRAGMA user_version 1).
-- As mesmas linhas do exemplo 6: a camada 1 é a do commit 2974868 com o número de versão.
BEGIN TRANSACTION;
CREATE TABLE campanha (
    chave TEXT PRIMARY KEY,
    valor TEXT NOT NULL
);
INSERT INTO "campanha" VALUES('modo','"api"');
CREATE TABLE detalhes (
    idt INTEGER PRIMARY KEY,
    descricao TEXT,
    remetente TEXT,
    destinatario TEXT
);
INSERT INTO "detalhes" VALUES(101,'TESTE – ORG','{"repositorio": 1, "estrutura": 2}',NULL);
CREATE TABLE ignorados (
    idt INTEGER PRIMARY KEY,
    remetente TEXT NOT NULL,
    motivo TEXT NOT NULL,
    visto_em TEXT NOT NULL
);
INSERT INTO "ignorados" VALUES(555,'Outro órgão','não é do harness','2026-12-04T17:39:17+00:00');
CREATE TABLE instrucoes (
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    acao TEXT NOT NULL,
    texto TEXT NOT NULL,
    dada_em TEXT NOT NULL,
    idt INTEGER
);
INSERT INTO "instrucoes" VALUES('envio','Enviar','enviar','Envie o processo','2026-12-04T17:39:17+00:00',NULL);
CREATE TABLE pedidos (
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    pedido_em TEXT NOT NULL,
    idt INTEGER,
    PRIMARY KEY (requisito, cenario)
);
INSERT INTO "pedidos" VALUES('recebimento','Receber','2026-12-04T17:39:17+00:00',NULL);
CREATE TABLE recibos (
    idt INTEGER NOT NULL,
    tipo TEXT NOT NULL,
    conferencia TEXT NOT NULL,
    PRIMARY KEY (idt, tipo)
);
INSERT INTO "recibos" VALUES(101,'envio','{"tipo": "envio", "idt": 101, "data": "2026-11-20T10:00:05-03:00", "hashes": ["abc"], "signatario": "CN=Tramita", "assinatura_confere": true, "hashes_conferem": true, "faltando": [], "sobrando": [], "veredito": "Envio: assinatura válida; hashes conferem"}');
CREATE TABLE situacoes (
    idt INTEGER NOT NULL,
    situacao INTEGER NOT NULL,
    data_hora TEXT NOT NULL,
    visto_em TEXT NOT NULL,
    PRIMARY KEY (idt, situacao, data_hora)
);
INSERT INTO "situacoes" VALUES(101,1,'2026-11-20T10:00:00-03:00','2026-12-04T17:39:17+00:00');
INSERT INTO "situacoes" VALUES(101,2,'2026-11-20T10:00:05-03:00','2026-12-04T17:39:17+00:00');
INSERT INTO "situacoes" VALUES(102,1,'2026-11-20T11:00:00-03:00','2026-12-04T17:39:17+00:00');
INSERT INTO "situacoes" VALUES(102,9,'2026-11-20T11:05:00-03:00','2026-12-04T17:39:17+00:00');
CREATE TABLE tramites (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idt INTEGER UNIQUE,
    nre TEXT,
    protocolo TEXT NOT NULL,
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    papel TEXT NOT NULL,
    etapa TEXT NOT NULL,
    espera TEXT NOT NULL DEFAULT '',
    situacao INTEGER,
    motivo_recusa TEXT,
    justificativa_recusa TEXT,
    componentes TEXT NOT NULL DEFAULT '[]',
    avaliado INTEGER NOT NULL DEFAULT 0,
    criado_em TEXT NOT NULL,
    atualizado_em TEXT NOT NULL
);
INSERT INTO "tramites" VALUES(1,101,'0000001','00000.000001/2026-01','envio','Enviar','remetente','enviado','',2,NULL,NULL,'[{"nome": "doc.pdf", "tamanho": 10, "hash": "abc", "mime_type": "application/pdf"}]',0,'2026-12-04T17:39:17+00:00','2026-12-04T17:39:17+00:00');
INSERT INTO "tramites" VALUES(2,102,'0000002','00000.000002/2026-02','recusa','Recusar','destinatário','recebido','',9,'01','Sem competência','[]',1,'2026-12-04T17:39:17+00:00','2026-12-04T17:39:17+00:00');
CREATE TABLE vereditos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    veredito TEXT NOT NULL,
    mensagem TEXT NOT NULL,
    duracao REAL NOT NULL,
    idts TEXT NOT NULL,
    retomados TEXT NOT NULL,
    modo TEXT NOT NULL,
    julgado_em TEXT NOT NULL
);
INSERT INTO "vereditos" VALUES(1,'recusa','Recusar','aprovado','',1.5,'[102]','[]','assistido','2026-12-04T17:39:17+00:00');
CREATE TABLE verificacoes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idt INTEGER,
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    clausula TEXT NOT NULL,
    nome TEXT NOT NULL,
    verificacao TEXT NOT NULL,
    feita_em TEXT NOT NULL
);
INSERT INTO "verificacoes" VALUES(1,101,'envio','Enviar','situacao_final','situação final','{"clausula": "situacao_final", "nome": "situação final", "esperado": 6, "observado": 2, "aprovada": false, "mensagem": "situação 2, esperada 6"}','2026-12-04T17:39:17+00:00');
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('tramites',2);
INSERT INTO "sqlite_sequence" VALUES('vereditos',1);
INSERT INTO "sqlite_sequence" VALUES('verificacoes',1);
PRAGMA user_version = 1;
COMMIT;
