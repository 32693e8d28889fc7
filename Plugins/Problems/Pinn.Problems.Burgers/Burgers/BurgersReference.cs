namespace Pinn.Problems.Burgers.Burgers;

/// <summary>What <c>burgers</c> measures the trained network against (manifest: <c>cole-hopf</c>, <c>pinnacle</c>).</summary>
public enum BurgersReference
{
    /// <summary>The Cole–Hopf solution at random points of [0,1] × [−1,1] (accurate to rounding).</summary>
    ColeHopf,

    /// <summary>PINNacle's Burgers1d-C reference, a COMSOL solution at 101 nodes × 11 times (<c>burgers1d.dat</c>), as in
    /// the PINNacle benchmark; the error against Cole–Hopf at the same nodes is reported beside it.</summary>
    Pinnacle,
}
