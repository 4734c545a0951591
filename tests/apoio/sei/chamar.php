<?php
// Chama um método do cliente REST do módulo oficial do SEI (ProcessoEletronicoRN, de mod-sei-pen) e imprime o
// resultado em JSON. Uso (os argumentos do método, em JSON, na entrada padrão):
//   php chamar.php <pasta src do módulo> <url da API> <certificado PEM> <senha> <método> < argumentos.json
// Bytes vão e voltam em base64, como {"__base64__": "..."}.
error_reporting(E_ALL & ~E_DEPRECATED);
ini_set('display_errors', 'stderr');

[, $modulo, $url, $certificado, $senha, $metodo] = $argv;
$argumentos = stream_get_contents(STDIN);
define('DIR_SEI_VENDOR', __DIR__ . '/vendor');
require __DIR__ . '/infra.php';
ConfiguracaoModPEN::$valores = [
    'WebService' => $url,
    'LocalizacaoCertificado' => $certificado,
    'SenhaCertificado' => $senha,
];
require $modulo . '/rn/ProcessoEletronicoRN.php';

function trazer($valor)
{
    if (is_object($valor) && isset($valor->__base64__)) {
        return base64_decode($valor->__base64__);
    }
    if (is_object($valor)) {
        foreach (get_object_vars($valor) as $chave => $item) {
            $valor->$chave = trazer($item);
        }
    }
    if (is_array($valor)) {
        return array_map('trazer', $valor);
    }
    return $valor;
}

// A cycle (solicitarMetadados answers with `metadados` pointing to itself) is cut, not followed.
function levar($valor, $caminho = [])
{
    if (is_string($valor) && !mb_check_encoding($valor, 'UTF-8')) {
        return ['__base64__' => base64_encode($valor)];
    }
    if ($valor instanceof JsonSerializable) {
        return levar($valor->jsonSerialize(), $caminho);
    }
    if (is_object($valor) && in_array($valor, $caminho, true)) {
        return '(o próprio objeto)';
    }
    if (is_object($valor) || is_array($valor)) {
        $dentro = is_object($valor) ? [...$caminho, $valor] : $caminho;
        $saida = [];
        foreach ((array) $valor as $chave => $item) {
            $saida[$chave] = levar($item, $dentro);
        }
        return is_object($valor) ? (object) $saida : $saida;
    }
    return $valor;
}

try {
    // enviarProcessoREST takes the processo as ExpedirProcedimentoRN builds it: arrays; the others, objects
    $comoArrays = $metodo === 'enviarProcessoREST';
    $resultado = (new ProcessoEletronicoRN())->$metodo(...trazer(json_decode($argumentos, $comoArrays)));
    echo json_encode(['resultado' => levar($resultado)]);
} catch (Throwable $erro) {
    echo json_encode(['erro' => $erro->getMessage()]);
}
