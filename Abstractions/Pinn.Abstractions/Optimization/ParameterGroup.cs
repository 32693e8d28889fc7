namespace Pinn.Abstractions.Optimization;

/// <summary>
/// A contiguous slice of the flat parameter vector θ that belongs together: one linear layer's weight
/// and bias, or the problem's extra parameters. Layer-wise and Kronecker-factored methods work per group.
/// </summary>
/// <param name="Name">e.g. <c>layer0</c>, <c>problem</c>.</param>
/// <param name="Offset">Index of the group's first entry in θ.</param>
/// <param name="Length">Number of entries.</param>
public sealed record ParameterGroup(string Name, long Offset, long Length);
