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

    /// <summary>The interior request: u, v, p and their first partials, Δ of u and v only.</summary>
    public static DerivativeRequest Request { get; } =
        DerivativeRequest.Of(PartialDerivative.Value, Dx, Dy).And(DerivativeRequest.Of(LaplacianOperator.AllAxes).ForOutputs(0, 1));

    /// <summary>The velocity (u, v) only.</summary>
    public static DerivativeRequest VelocityRequest { get; } = DerivativeRequest.ValueOnly.ForOutputs(0, 1);

    /// <summary>The pressure p only.</summary>
    public static DerivativeRequest PressureRequest { get; } = DerivativeRequest.ValueOnly.ForOutputs(2);

    /// <summary>The three residuals (x-momentum, y-momentum, continuity) [N, 3] for viscosity ν.</summary>
    public static torch.Tensor Residual(ResidualInputs inputs, double viscosity)
    {
        var d = inputs.Derivatives;
        var (u, v) = (d.ValueOf(0), d.ValueOf(1));
        var momentumX = u * d.PartialOf(0, 0) + v * d.PartialOf(0, 1) + d.PartialOf(2, 0) - viscosity * d.LaplacianOf(0);
        var momentumY = u * d.PartialOf(1, 0) + v * d.PartialOf(1, 1) + d.PartialOf(2, 1) - viscosity * d.LaplacianOf(1);
        var continuity = d.PartialOf(0, 0) + d.PartialOf(1, 1);
        return torch.stack([momentumX, momentumY, continuity], 1);
    }

    /// <summary>Velocity data (u, v) − (u*, v*) [N, 2] for prescribed velocities [N, 2], on a condition that requested
    /// <see cref="VelocityRequest"/>.</summary>
    public static torch.Tensor Velocity(ResidualInputs inputs, torch.Tensor prescribed)
        => torch.stack([inputs.Derivatives.ValueOf(0), inputs.Derivatives.ValueOf(1)], 1) - prescribed;

    /// <summary>Pressure data p − p* [N] on a condition that requested <see cref="PressureRequest"/>.</summary>
    public static torch.Tensor Pressure(ResidualInputs inputs, torch.Tensor prescribed) => inputs.Derivatives.ValueOf(2) - prescribed;
}
