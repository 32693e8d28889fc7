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
/// input and output names and the Python lines that load it.
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
            if (l < network.Layers.Count - 1) modules.Add(torch.nn.Identity()); // stands where the activation is: it has no weights
        }
        using var sequential = torch.nn.Sequential(modules);
        var file = Path.Combine(directory, FileName);
        AtomicFile.Write(file, stream => sequential.save_safetensors(stream, leaveOpen: true));

        var widths = network.Widths.ToArray();
        var activation = network.Activation.Name;
        var layers = string.Join(", ", Enumerable.Range(0, widths.Length - 1).Select(l =>
            $"torch.nn.Linear({widths[l]}, {widths[l + 1]})" + (l < widths.Length - 2 ? $", {PyTorchModule(activation)}" : "")));
        var python = new List<string>
        {
            "import torch, safetensors.torch",
        };
        if (activation == "sin") python.Add("class Sin(torch.nn.Module):\n    def forward(self, x): return torch.sin(x)");
        python.Add($"net = torch.nn.Sequential({layers}).to(torch.{(network.Spec.DType == torch.ScalarType.Float64 ? "float64" : "float32")})");
        python.Add($"net.load_state_dict(safetensors.torch.load_file(\"{FileName}\"))");
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
            ["python"] = string.Join("\n", python),
        };
        var descriptionFile = Path.Combine(directory, DescriptionFileName);
        AtomicFile.WriteAllText(descriptionFile, description.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return [file, descriptionFile];
    }
}
