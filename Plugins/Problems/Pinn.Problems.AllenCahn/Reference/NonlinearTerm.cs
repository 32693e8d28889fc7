namespace Pinn.Problems.AllenCahn.Reference;

/// <summary>Writes N(v) [n] into <paramref name="result"/> for the state v [n] of v' = L v + N(v).</summary>
internal delegate void NonlinearTerm(ReadOnlySpan<double> v, Span<double> result);
