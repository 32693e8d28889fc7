namespace Pinn.Abstractions.Models.Symmetry;

/// <summary>How one output behaves under a <see cref="Reflection"/>. Since 1.9.</summary>
public enum Parity
{
    /// <summary>u_j(R x) = u_j(x).</summary>
    Even,

    /// <summary>u_j(R x) = −u_j(x).</summary>
    Odd,
}
