using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// One term of the loss: an operator applied to the network at points of a domain. Its residuals
/// enter r scaled by √(weight / N), so that its loss is ½ · weight · mean(residual²).
/// </summary>
/// <param name="Name">The manifest key for its point count (<c>interior</c>, <c>boundary</c>, <c>initial</c>, …).</param>
/// <param name="Domain">Where its points are drawn.</param>
/// <param name="Request">The derivatives its residual needs.</param>
/// <param name="Residual">The residual function.</param>
/// <param name="Weight">w_c &gt; 0.</param>
/// <param name="DefaultPoints">N_c when the manifest does not say.</param>
public sealed record Condition(string Name, IDomain Domain, DerivativeRequest Request, ResidualFunction Residual,
                               double Weight = 1.0, int DefaultPoints = 100);
