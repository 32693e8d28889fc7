using System.Text.Json.Nodes;
using Xunit;

namespace Pinn.Tests.Support;

/// <summary>
/// PyTorch (Debian's python3-torch, run by /usr/bin/python3; see <see cref="TestTools"/>): the independent reader the weights of <c>pinn export --safetensors</c> are checked with. Debian has no package of the
/// safetensors library, so the test gives PyTorch a ten-line reader of the format under the name
/// <c>safetensors.torch.load_file</c>, and runs the Python lines of model.json as they are.
/// </summary>
internal static class PyTorchReader
{
    /// <summary>Runs model.json's Python lines in <paramref name="directory"/> and returns <c>f(points)</c> [N, m] for the
    /// function <paramref name="function"/> they define (<c>net</c>, or <c>u</c> for a symmetric network).</summary>
    public static double[][] Evaluate(string directory, string python, double[][] points, string function = "net")
    {
        var program = """
            import json, struct, sys, types, torch
            def load_file(path):
                with open(path, 'rb') as f:
                    size = struct.unpack('<Q', f.read(8))[0]
                    header = json.loads(f.read(size))
                    data = f.read()
                types_ = {'F64': torch.float64, 'F32': torch.float32}
                state = {}
                for name, entry in header.items():
                    if name == '__metadata__':
                        continue
                    start, end = entry['data_offsets']
                    state[name] = torch.frombuffer(bytearray(data[start:end]), dtype=types_[entry['dtype']]).reshape(entry['shape'])
                return state
            safetensors = types.ModuleType('safetensors')
            safetensors.torch = types.ModuleType('safetensors.torch')
            safetensors.torch.load_file = load_file
            sys.modules['safetensors'] = safetensors
            sys.modules['safetensors.torch'] = safetensors.torch
            exec(sys.argv[1])
            x = torch.tensor(json.loads(sys.argv[2]), dtype=torch.float64)
            with torch.no_grad():
                print(json.dumps(FUNCTION(x.to(next(net.parameters()).dtype)).double().tolist()))
            """.Replace("FUNCTION", function);
        var (code, output) = TestTools.Run("/usr/bin/python3", ["-c", program, python, new JsonArray(points.Select(p => (JsonNode)new JsonArray(p.Select(v => (JsonNode)v).ToArray())).ToArray()).ToJsonString()], directory);
        Assert.True(code == 0, $"PyTorch could not load the weights: {output}");
        return JsonNode.Parse(output)!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
    }
}

/// <summary>A fact that needs <see cref="PyTorchReader"/>: skipped, with the reason, only where it cannot be installed.</summary>
internal sealed class PyTorchFactAttribute : FactAttribute
{
    public PyTorchFactAttribute()
    {
        if (TestTools.Unavailable is { } why) Skip = why;
    }
}
