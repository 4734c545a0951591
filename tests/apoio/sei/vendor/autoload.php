<?php
// O Guzzle do sistema (Debian: php-guzzlehttp-guzzle), no lugar do vendor/ do SEI que o módulo espera.
require_once 'GuzzleHttp/autoload.php';
