using Pinn.Host.Manifests;

namespace Pinn.Host.Training;

/// <summary>What a run is doing, for the message when it fails: the phase, the plugin in charge of it, and whether
/// the state is one a checkpoint may hold (not while an optimizer is half-way through a step).</summary>
internal sealed class RunPhase
{
    /// <summary>"while drawing the points of 'interior'", "in its step", ….</summary>
    public string What { get; private set; } = "while setting up";

    /// <summary>The plugin the host is calling, or null when the host itself is at work.</summary>
    public ResolvedPlugin? InCharge { get; private set; }

    /// <summary>Whether a failure now leaves a state worth saving.</summary>
    public bool StateConsistent { get; private set; } = true;

    public void Enter(string what, ResolvedPlugin? plugin, bool stateConsistent = true) => (What, InCharge, StateConsistent) = (what, plugin, stateConsistent);
}
