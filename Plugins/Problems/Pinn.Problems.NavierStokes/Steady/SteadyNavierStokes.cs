using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.NavierStokes.Steady;

/// <summary>
/// The steady incompressible Navier–Stokes equations in two dimensions for outputs (u, v, p) at inputs (x, y):
/// u u_x + v u_y + p_x − ν Δu = 0, u v_x + v v_y + p_y − ν Δv = 0, u_x + v_y = 0. The residual is written once
/// here and used by every Navier–Stokes problem.
/// </summary>
internal static class SteadyNavierStokes
{
    private static readonly PartialDerivative Dx = PartialDerivative.Of(0);
    private static readonly PartialDerivative Dy = PartialDerivative.Of(1);

    /// <summary>The interior request: u, v, p and their first partials, Δ of u and v.</summary>
    public static DerivativeRequest Request { get; } = DerivativeRequest.Of(PartialDerivative.Value, Dx, Dy, LaplacianOperator.AllAxes);

    /// <summary>The three residuals (x-momentum, y-momentum, continuity) [N, 3] for viscosity ν.</summary>
    public static torch.Tensor Residual(ResidualInputs inputs, double viscosity)
    {
        var d = inputs.Derivatives;
        var value = d.Value;
        var dx = d[Dx];
        var dy = d[Dy];
        var laplacian = d.Laplacian();
        var (u, v) = (value[.., 0], value[.., 1]);
        var momentumX = u * dx[.., 0] + v * dy[.., 0] + dx[.., 2] - viscosity * laplacian[.., 0];
        var momentumY = u * dx[.., 1] + v * dy[.., 1] + dy[.., 2] - viscosity * laplacian[.., 1];
        var continuity = dx[.., 0] + dy[.., 1];
        return torch.stack([momentumX, momentumY, continuity], 1);
    }

    /// <summary>Velocity data (u, v) − (u*, v*) [N, 2] for prescribed velocities [N, 2].</summary>
    public static torch.Tensor Velocity(ResidualInputs inputs, torch.Tensor prescribed) => inputs.Derivatives.Value[.., 0..2] - prescribed;
}
