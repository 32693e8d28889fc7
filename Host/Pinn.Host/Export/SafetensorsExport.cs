using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Host.Inference;
using Pinn.Host.Training;
using TorchSharp;
using TorchSharp.PyBridge;

namespace Pinn.Host.Export;

/// <summary>
/// The network's weights as a safetensors file (written by TorchSharp.PyBridge) with the names and shapes of
/// <c>torch.nn.Sequential(Linear, activation, Linear, …, Linear)</c>: <c>0.weight</c> [h₁, d], <c>0.bias</c> [h₁],
/// <c>2.weight</c> [h₂, h₁], … in the run's dtype, and beside it <c>model.json</c> with the widths, the activation, the
/// input and output names and the Python lines that load it. A network with an input embedding has it as module 0
/// (buffers <c>0.weight</c> [p, d], <c>0.bias</c>, <c>0.sine</c>; the layers follow from index 1); under a hard constraint the
/// file holds N of u = g + φ·N, and model.json says so.
/// </summary>
internal static class SafetensorsExport
{
    public const string FileName = "model.safetensors";
    public const string DescriptionFileName = "model.json";

    /// <summary>PyTorch's module for each activation; sin has none (a two-line module, given in model.json).</summary>
    private static string PyTorchModule(string activation) => activation switch
    {
        "tanh" => "torch.nn.Tanh()",
        "sigmoid" => "torch.nn.Sigmoid()",
        "silu" => "torch.nn.SiLU()",
        "softplus" => "torch.nn.Softplus()",
        "sin" => "Sin()",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "no PyTorch module for this activation"),
    };

    public static IReadOnlyList<string> Write(TrainedModel model, string directory)
    {
        Directory.CreateDirectory(directory);
        var network = model.Network;
        using var scope = torch.NewDisposeScope();
        // The same layout in TorchSharp modules, so that PyBridge writes PyTorch's names ("0.weight", "2.weight", …).
        var modules = new List<torch.nn.Module<torch.Tensor, torch.Tensor>>();
        if (network.Embedding is { } embedding)
            modules.Add(new SavedBuffers("Embedding", ("weight", embedding.Layer.Weight), ("bias", embedding.Layer.Bias),
                                         ("sine", torch.tensor(embedding.Sine.Select(s => s ? 1.0 : 0.0).ToArray(), embedding.Layer.Weight.dtype))));
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var linear = torch.nn.Linear(layer.InputWidth, layer.OutputWidth, dtype: layer.Weight.dtype);
            using (torch.no_grad())
            {
                linear.weight!.copy_(layer.Weight);
                linear.bias!.copy_(layer.Bias);
            }
            modules.Add(linear);
            if (l == network.Layers.Count - 1) continue;
            // Where the activation is: no weights, or n·a of a trainable slope.
            modules.Add(network.SlopeScale(l) is { } slope ? new SavedBuffers("Scaled", ("scale", slope.detach())) : torch.nn.Identity());
        }
        using var sequential = torch.nn.Sequential(modules);
        var file = Path.Combine(directory, FileName);
        AtomicFile.Write(file, stream => sequential.save_safetensors(stream, leaveOpen: true));

        var widths = network.Widths.ToArray();
        var activation = network.Activation.Name;
        var layers = string.Join(", ", Enumerable.Range(0, widths.Length - 1).Select(l =>
            $"torch.nn.Linear({widths[l]}, {widths[l + 1]})"
            + (l < widths.Length - 2 ? network.Slopes.Count > 0 ? $", Scaled({PyTorchModule(activation)})" : $", {PyTorchModule(activation)}" : "")));
        var python = new List<string>
        {
            "import torch, safetensors.torch",
        };
        if (activation == "sin") python.Add("class Sin(torch.nn.Module):\n    def forward(self, x): return torch.sin(x)");
        if (network.Slopes.Count > 0) python.Add(ScaledPython);
        if (network.Embedding is { } e)
        {
            python.Add(EmbeddingPython);
            layers = $"Embedding({e.InputDimension}, {e.Width}), {layers}";
        }
        python.Add($"net = torch.nn.Sequential({layers}).to(torch.{(network.Spec.DType == torch.ScalarType.Float64 ? "float64" : "float32")})");
        python.Add($"net.load_state_dict(safetensors.torch.load_file(\"{FileName}\"))");
        if (network.Reflections.Count > 0) python.Add(SymmetricPython(network.Reflections));
        var description = new JsonObject
        {
            ["name"] = model.Name,
            ["problem"] = model.Plan.Problem.Descriptor.Name,
            ["inputs"] = new JsonArray(model.InputNames.Select(n => (JsonNode)n).ToArray()),
            ["outputs"] = new JsonArray(model.OutputNames.Select(n => (JsonNode)n).ToArray()),
            ["widths"] = new JsonArray(widths.Select(w => (JsonNode)w).ToArray()),
            ["activation"] = activation,
            ["dtype"] = network.Spec.DType == torch.ScalarType.Float64 ? "float64" : "float32",
            ["step"] = model.Step,
            ["embedding"] = network.Embedding is { } fixedMap
                ? $"module 0 maps the {fixedMap.InputDimension} inputs to {fixedMap.Width} features s(Wx + b): sin where sine = 1, the identity elsewhere"
                : null,
            // The constraint's φ and g are the problem's code: the file holds N, and says how u is made from it.
            ["hardConstraint"] = model.HardConstraint is { } constraint
                ? $"the network is N in u = g(x) + φ(x)·N(x), with g and φ of problem '{model.Plan.Problem.Descriptor.Name}' (conditions {string.Join(", ", constraint.Replaces)} hold exactly)"
                : null,
            ["symmetry"] = network.Reflections.Count > 0
                ? "the network is N; u(x) = 2^-k Σ over the 2^k images y of x under the k reflections of s(y)·N(y), s the product of the "
                  + "outputs' signs (odd: −1) of the reflections applied: u(x) in the python lines"
                : null,
            ["python"] = string.Join("\n", python),
        };
        foreach (var key in new[] { "embedding", "hardConstraint", "symmetry" })
            if (description[key] is null) description.Remove(key);
        var descriptionFile = Path.Combine(directory, DescriptionFileName);
        AtomicFile.WriteAllText(descriptionFile, description.ToJsonString(ReadableJson.Options()) + "\n");
        return [file, descriptionFile];
    }

    /// <summary>u(x) from the network N for a network made symmetric by <paramref name="reflections"/>.</summary>
    private static string SymmetricPython(IReadOnlyList<Abstractions.Models.Symmetry.Reflection> reflections)
    {
        var list = string.Join(", ", reflections.Select(r => FormattableString.Invariant(
            $"({r.Axis}, {r.Center:R}, [{string.Join(", ", r.Outputs.Select(p => p == Abstractions.Models.Symmetry.Parity.Odd ? "-1.0" : "1.0"))}])")));
        return $"reflections = [{list}]  # (input index, mirror position, sign per output)\n"
               + "def u(x):\n"
               + "    total = 0\n"
               + "    for b in range(2 ** len(reflections)):\n"
               + "        y, s = x.clone(), torch.ones(1, dtype=x.dtype)\n"
               + "        for i, (axis, c, signs) in enumerate(reflections):\n"
               + "            if b >> i & 1:\n"
               + "                y[:, axis] = 2 * c - y[:, axis]\n"
               + "                s = s * torch.tensor(signs, dtype=x.dtype)\n"
               + "        total = total + s * net(y)\n"
               + "    return total / 2 ** len(reflections)";
    }

    /// <summary>The input embedding as PyTorch module 0: buffers <c>weight</c> [p, d], <c>bias</c> [p] and <c>sine</c> [p]
    /// (1 for a sine feature, 0 for the identity).</summary>
    private const string EmbeddingPython = "class Embedding(torch.nn.Module):\n"
                                           + "    def __init__(self, d, p):\n"
                                           + "        super().__init__()\n"
                                           + "        self.register_buffer('weight', torch.zeros(p, d)); self.register_buffer('bias', torch.zeros(p)); self.register_buffer('sine', torch.zeros(p))\n"
                                           + "    def forward(self, x):\n"
                                           + "        z = x @ self.weight.T + self.bias\n"
                                           + "        return torch.where(self.sine > 0, torch.sin(z), z)";

    /// <summary>An activation with a trainable slope: buffer <c>scale</c> [1] = n·a, applied as σ(scale·z).</summary>
    private const string ScaledPython = "class Scaled(torch.nn.Module):\n"
                                        + "    def __init__(self, activation):\n"
                                        + "        super().__init__()\n"
                                        + "        self.activation = activation; self.register_buffer('scale', torch.ones(1))\n"
                                        + "    def forward(self, x): return self.activation(self.scale * x)";

    /// <summary>A module that only carries named buffers for the file (the host evaluates the network itself).</summary>
    private sealed class SavedBuffers : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        public SavedBuffers(string name, params (string Name, torch.Tensor Value)[] buffers) : base(name)
        {
            foreach (var (key, value) in buffers) register_buffer(key, value.detach().clone());
        }

        public override torch.Tensor forward(torch.Tensor input) => throw new NotSupportedException("saved only");
    }
}
