namespace Pinn.Abstractions.Plugins;

/// <summary>The kinds of plugin the host composes into a run.</summary>
public enum PluginKind
{
    /// <summary>A benchmark or user problem: conditions, residuals, exact solution.</summary>
    Problem,
    /// <summary>A derivative engine: derivatives of the network with respect to its inputs.</summary>
    Engine,
    /// <summary>A collocation point sampler.</summary>
    Sampler,
    /// <summary>An optimizer of the flat parameter vector.</summary>
    Optimizer,
    /// <summary>A loss-weighting scheme: per-condition multipliers and per-point weights updated between steps.</summary>
    Weighting,
}
