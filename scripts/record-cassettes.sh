#!/usr/bin/env bash
# Re-record the LLM cassettes against a real model: Gemma 3 270M (base, Q4_K_M, from PyPI)
# served by llama-cpp-python's OpenAI-compatible server on 127.0.0.1:8089.
#
#   scripts/record-cassettes.sh            # build the server once (~8-20 min), record, stop it
#
# Recorded at the default settings a user gets with --profile llama-cpp-python (context 2048,
# temperature 0); a server already listening on the port is reused (and left running).
#
# The cassettes are written by vcrpy (pytest-recording, --record-mode=rewrite); never edit them
# by hand. Authorization and other secret headers are filtered (tests/conftest.py).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=8089
PY=${PYTHON:-.venv/bin/python}
if curl -sf "http://127.0.0.1:$PORT/v1/models" >/dev/null; then
  echo "reusing the server already on 127.0.0.1:$PORT" >&2
else
  [ -f "${LLAMA_MODEL_DIR:-$HOME/.cache/summarizer-llama/model}/path" ] || scripts/llama-server.sh build
  PID=$(LLAMA_LOG=/tmp/llama-record.log scripts/llama-server.sh start "$PORT")
  trap 'kill "$PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/v1/models" >/dev/null && break
    sleep 1
  done
fi
rm -rf cassettes/test_llm_cassettes
"$PY" -m pytest tests/test_llm_cassettes.py -m cassette --record-mode=rewrite -p no:cacheprovider -q "$@"
echo "recorded: $(ls cassettes/test_llm_cassettes)"
