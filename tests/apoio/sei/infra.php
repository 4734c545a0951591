<?php
// O mínimo do framework Infra do SEI de que o cliente REST do módulo (ProcessoEletronicoRN) precisa para
// conversar com o Tramita.GOV.BR: sem banco, sem sessão, sem log. Nada aqui muda o que o módulo envia.

class InfraRN
{
    public function __construct()
    {
    }
}

class InfraException extends Exception
{
    public function __construct($mensagem = '', $causa = null, $detalhes = null)
    {
        parent::__construct(trim($mensagem . ' ' . ($causa ? $causa->getMessage() : '')), 0, $causa);
    }

    public static function inspecionar($erro)
    {
        return $erro->getMessage();
    }
}

class InfraString
{
    public static function formatarJavaScript($texto)
    {
        return $texto;
    }
}

class ConfiguracaoModPEN
{
    public static $valores = [];

    public static function getInstance()
    {
        return new self();
    }

    public function getValor($secao, $chave, $obrigatorio = true, $padrao = null)
    {
        return self::$valores[$chave] ?? $padrao;
    }
}

class BancoSEI
{
    public static function getInstance()
    {
        return null;
    }
}

// Os DTOs do SEI guardam atributos por setXxx/getXxx.
class PendenciaDTO implements JsonSerializable
{
    private $atributos = [];

    public function __call($nome, $argumentos)
    {
        if (strncmp($nome, 'set', 3) === 0) {
            $this->atributos[substr($nome, 3)] = $argumentos[0];
            return null;
        }
        return $this->atributos[substr($nome, 3)] ?? null;
    }

    public function jsonSerialize(): mixed
    {
        return $this->atributos;
    }
}
