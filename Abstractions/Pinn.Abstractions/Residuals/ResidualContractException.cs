namespace Pinn.Abstractions.Residuals;

/// <summary>
/// A problem's residual function returned something that is not a residual of its points: the wrong
/// number of rows, more than two dimensions, nothing at all, or another dtype than the run's. Thrown
/// before the tensor enters r, so that a bad residual is reported instead of training on wrong losses.
/// </summary>
internal sealed class ResidualContractException(string condition, string message) : InvalidOperationException(message)
{
    /// <summary>The condition whose residual is wrong.</summary>
    public string Condition { get; } = condition;
}
