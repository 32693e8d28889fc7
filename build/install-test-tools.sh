#!/usr/bin/env bash
# Installs, from Debian's packages, the independent readers some tests check our files with:
#   python3-vtk9   (VTK's own XML readers, for the ParaView files of `pinn export --vtk`)
#   python3-torch  (PyTorch, for the weights of `pinn export --safetensors`)
#   python3-jsonschema (an independent JSON Schema validator, for `pinn schema`)
# Does nothing when they are already there; needs root (CI runs as root). Safe to run more than once.
set -euo pipefail
if /usr/bin/python3 -c "import vtkmodules.vtkIOXML, torch, jsonschema" 2>/dev/null; then exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-test-tools: python3-vtk9, python3-torch or python3-jsonschema is missing and this is not root; run: sudo $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends python3-vtk9 python3-torch python3-jsonschema >/dev/null
/usr/bin/python3 -c "import vtkmodules.vtkIOXML, torch, jsonschema"
