using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// One term of the loss: an operator applied to the network at points of a domain. Its residuals
/// enter r scaled by √(weight / N), so that its loss is ½ · weight · mean(residual²).
/// <para>On a boundary domain (<see cref="IBoundaryDomain"/>) the residual receives the outward unit normals
/// (<see cref="ResidualInputs.Normals"/>), for Neumann and Robin data. On a <see cref="PointSet"/> it is evaluated at
/// exactly the set's points. With an <see cref="Image"/> it also receives the requested derivatives at the image
/// points (<see cref="ResidualInputs.Image"/>), for periodic pairs (see <see cref="PeriodicCondition"/>).</para>
/// </summary>
/// <param name="Name">The manifest key for its point count (<c>interior</c>, <c>boundary</c>, <c>initial</c>, …).</param>
/// <param name="Domain">Where its points are drawn.</param>
/// <param name="Request">The derivatives its residual needs.</param>
/// <param name="Residual">The residual function.</param>
/// <param name="Weight">w_c &gt; 0.</param>
/// <param name="DefaultPoints">N_c when the manifest does not say.</param>
public sealed record Condition(string Name, IDomain Domain, DerivativeRequest Request, ResidualFunction Residual,
                               double Weight = 1.0, int DefaultPoints = 100)
{
    /// <summary>x [N, d] → partner points [N, d] (e.g. x + L·eᵢ for a periodic pair) at which the request is evaluated
    /// too; null for an ordinary condition.</summary>
    public Func<torch.Tensor, torch.Tensor>? Image { get; init; }
}
