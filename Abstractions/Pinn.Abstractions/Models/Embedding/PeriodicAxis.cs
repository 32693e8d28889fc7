namespace Pinn.Abstractions.Models.Embedding;

/// <summary>
/// One input made periodic: coordinate xᵢ enters the network only through cos(2πk xᵢ/L) and sin(2πk xᵢ/L),
/// k = 1..<see cref="Harmonics"/>, so the network and every derivative of it are exactly L-periodic in xᵢ; with
/// <see cref="Even"/> only through the cosines, so the network is also even in xᵢ (u(−xᵢ) = u(xᵢ)). Since 1.8.
/// </summary>
/// <param name="Axis">i, the input's index, 0 ≤ i &lt; d.</param>
/// <param name="Period">L &gt; 0, in the input's units.</param>
/// <param name="Harmonics">K ≥ 1: 2K features for this axis (K when even).</param>
/// <param name="Even">Cosines only: a solution symmetric about xᵢ = 0.</param>
public sealed record PeriodicAxis(int Axis, double Period, int Harmonics = 1, bool Even = false);
