using System.Text.Json.Nodes;
using Shouldly;
using TorchSharp;

namespace Pinn.Tests.Support;

/// <summary><c>pinn export --safetensors</c> of a finished run, read back by PyTorch.</summary>
internal static class ExportedModel
{
    /// <summary>Exports <paramref name="run"/> into <paramref name="export"/>, evaluates model.json's Python at
    /// <paramref name="points"/> with PyTorch and checks each value against <paramref name="expected"/> [P, 1] to 1e-12.</summary>
    /// <param name="function">The Python function to call (<c>net</c>, or <c>u</c> for a symmetric network).</param>
    /// <returns>model.json, for the caller's checks of its description.</returns>
    public static JsonNode ShouldMatchInPyTorch(string run, string export, double[][] points, torch.Tensor expected, string function = "net")
    {
        var (code, error) = HostCommand.Run("export", run, "--safetensors", "--out", export);
        code.ShouldBe(0, error);
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(export, "model.json")))!;
        var values = PyTorchReader.Evaluate(export, description["python"]!.GetValue<string>(), points, function);
        for (var i = 0; i < points.Length; i++) values[i][0].ShouldBe(expected[i, 0].item<double>(), 1e-12);
        return description;
    }
}
