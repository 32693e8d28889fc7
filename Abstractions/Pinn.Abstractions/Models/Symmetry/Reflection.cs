namespace Pinn.Abstractions.Models.Symmetry;

/// <summary>
/// A mirror symmetry the solution has and the network is made to have exactly: with R the reflection of input xᵢ about
/// c (xᵢ ↦ 2c − xᵢ, the other inputs unchanged), output j satisfies u_j(R x) = s_j u_j(x), s_j = +1 for
/// <see cref="Parity.Even"/> and −1 for <see cref="Parity.Odd"/>. The network computes u_j(x) = ½ (N_j(x) + s_j N_j(R x))
/// from its raw output N, which has the symmetry for every θ and loses nothing: a function with the symmetry is its
/// own projection. Burgers' u(t, −x) = −u(t, x) is <c>new Reflection(1, [Parity.Odd])</c>: the shock stays at x = 0 and
/// u(t, 0) = 0 holds exactly. Each reflection doubles the points the network is evaluated at. Since 1.9.
/// </summary>
/// <param name="Axis">i, the input's index, 0 ≤ i &lt; d.</param>
/// <param name="Outputs">One parity per output, m entries.</param>
/// <param name="Center">c, the mirror's position on axis i, in the input's units.</param>
public sealed record Reflection(int Axis, IReadOnlyList<Parity> Outputs, double Center = 0.0);
