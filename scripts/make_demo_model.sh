#!/usr/bin/env sh
# Regenerates aegui/resources/demo-conv-vae.pt, the model the Latent tab shows on first
# launch: a convolutional VAE with a 2-D latent space, trained on the bundled MNIST digits
# by aegui's own CLI, exported without optimizer state to keep the file small.
set -eu
cd "$(dirname "$0")/.."
AEGUI="${AEGUI:-aegui}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$AEGUI" train --dataset mnist-10k --model conv-vae --latent-dim 2 --hidden 32 --depth 2 \
    --epochs 10 --batch-size 128 --seed 0 --device cpu --quiet --out "$work/run"
"$AEGUI" export --checkpoint "$work/run" --what model --out aegui/resources/demo-conv-vae.pt
ls -l aegui/resources/demo-conv-vae.pt
