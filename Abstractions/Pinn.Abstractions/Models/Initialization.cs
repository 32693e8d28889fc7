namespace Pinn.Abstractions.Models;

/// <summary>How the weights of an <see cref="Mlp"/> are drawn.</summary>
public enum Initialization
{
    /// <summary>First layer's weights and hidden biases N(0, σ²) (σ = initScale), later weights
    /// N(0, 1/fan_in), output bias 0: the initialisation under which Gauss–Newton converges.</summary>
    Normal,
    /// <summary>Weights N(0, 2/(fan_in + fan_out)), biases 0.</summary>
    GlorotNormal,
    /// <summary>Weights U(±√(6/(fan_in + fan_out))), biases 0.</summary>
    GlorotUniform,
    /// <summary>Weights and biases U(±1/√fan_in): TorchSharp's (and PyTorch's) Linear default.</summary>
    FanInUniform,
}

/// <summary>Manifest spellings of <see cref="Initialization"/>.</summary>
public static class InitializationNames
{
    /// <summary>The manifest names, in enum order.</summary>
    public static IReadOnlyList<string> All { get; } = ["normal", "glorot-normal", "glorot-uniform", "fan-in-uniform"];

    /// <summary>Parses a manifest name; null when unknown.</summary>
    public static Initialization? Parse(string name)
    {
        var i = All.ToList().IndexOf(name);
        return i < 0 ? null : (Initialization)i;
    }

    /// <summary>The manifest name of <paramref name="init"/>.</summary>
    public static string Name(this Initialization init) => All[(int)init];
}
