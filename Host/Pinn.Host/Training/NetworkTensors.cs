using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>The network's tensors by the names checkpoints give them: <c>layers.{l}.weight</c> [h_out, h_in],
/// <c>layers.{l}.bias</c> [h_out], the activation slopes <c>slopes.{i}</c> [1] if any, and with an input embedding <c>embedding.weight</c> [p, d] and <c>embedding.bias</c> [p]
/// (constants, but B of the Fourier features is random, so they are saved with the weights).</summary>
internal static class NetworkTensors
{
    public static IEnumerable<(string Key, torch.Tensor Tensor)> Of(Mlp network)
    {
        for (var l = 0; l < network.Layers.Count; l++)
        {
            yield return ($"layers.{l}.weight", network.Layers[l].Weight);
            yield return ($"layers.{l}.bias", network.Layers[l].Bias);
        }
        for (var i = 0; i < network.Slopes.Count; i++) yield return ($"slopes.{i}", network.Slopes[i]);
        if (network.Embedding is { } embedding)
        {
            yield return ("embedding.weight", embedding.Layer.Weight);
            yield return ("embedding.bias", embedding.Layer.Bias);
        }
    }
}
