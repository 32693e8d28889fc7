using Pinn.Optimizers.NaturalGradient.Damping;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Spectral;

/// <summary>
/// The thin SVD J = U Σ Vᵀ of a Jacobian [M, D] with the residual's coordinates c = Uᵀr [K], K = min(M, D):
/// every Gauss–Newton-type direction of this family is V·diag(f(σ))·c for some filter f, computed on J
/// itself (never on JᵀJ, which would square the condition number). Owns its tensors.
/// </summary>
internal sealed class JacobianSvd : IDampedSolver, IDisposable
{
    private readonly torch.Tensor _vh;

    private JacobianSvd(torch.Tensor s, torch.Tensor vh, torch.Tensor coordinates, double outsideSquared)
    {
        OutsideSquared = outsideSquared;
        Singular = s;
        _vh = vh;
        Coordinates = coordinates;
        using (var values = s.to(torch.float64)) Values = values.data<double>().ToArray();             // whatever the run's dtype
        using (var values = coordinates.to(torch.float64)) CoordinateValues = values.data<double>().ToArray();
    }

    /// <summary>σ [K], descending.</summary>
    public torch.Tensor Singular { get; }

    /// <summary>Uᵀr [K].</summary>
    public torch.Tensor Coordinates { get; }

    /// <summary>σ on the host, descending.</summary>
    public double[] Values { get; }

    /// <summary>Uᵀr on the host.</summary>
    public double[] CoordinateValues { get; }

    /// <summary>‖r − UUᵀr‖², the part of ‖r‖² no step can remove, computed directly (not as ‖r‖² − Σcᵢ², which
    /// would leave rounding of order ε‖r‖²).</summary>
    public double OutsideSquared { get; }

    /// <summary>Entry k: the squared norm of r beyond the first k modes, Σ_{i≥k} cᵢ² + ‖r − UUᵀr‖², for every
    /// k = 0 … K (K + 1 values), summed from the small end.</summary>
    public double[] TailSquared()
    {
        var tails = new double[Values.Length + 1];
        tails[Values.Length] = OutsideSquared;
        for (var i = Values.Length - 1; i >= 0; i--) tails[i] = tails[i + 1] + CoordinateValues[i] * CoordinateValues[i];
        return tails;
    }

    /// <summary>σ_max (0 for a zero Jacobian).</summary>
    public double Largest => Values.Length == 0 ? 0 : Values[0];

    /// <summary>Decomposes <paramref name="jacobian"/> [M, D] and projects <paramref name="residuals"/> [M].</summary>
    public static JacobianSvd Of(torch.Tensor jacobian, torch.Tensor residuals)
    {
        using var scope = torch.NewDisposeScope();
        var (u, s, vh) = torch.linalg.svd(jacobian, fullMatrices: false);
        var coordinates = u.t().matmul(residuals);
        var outside = residuals - u.matmul(coordinates);
        return new JacobianSvd(s.MoveToOuterDisposeScope(), vh.MoveToOuterDisposeScope(), coordinates.MoveToOuterDisposeScope(),
                               outside.dot(outside).ToDouble());
    }

    /// <summary>Number of singular values above <paramref name="cutoff"/> (absolute).</summary>
    public int RankAbove(double cutoff)
    {
        var k = 0;
        while (k < Values.Length && Values[k] > cutoff) k++;
        return k;
    }

    /// <summary>d = V_k Σ_k⁻¹ (Uᵀr)_k over the leading <paramref name="rank"/> singular values [D].</summary>
    public torch.Tensor Truncated(int rank)
    {
        if (rank == 0) return torch.zeros(_vh.shape[1], _vh.dtype, _vh.device);
        using var scope = torch.NewDisposeScope();
        var filtered = Coordinates[..rank] / Singular[..rank];
        return _vh[..rank].t().matmul(filtered).MoveToOuterDisposeScope();
    }

    /// <summary>σ_max²: the damping of <see cref="Solve"/> is relative to it.</summary>
    public double Scale => Largest * Largest;

    /// <summary>d = V diag(σ/(σ² + λ)) Uᵀr [D], the Levenberg–Marquardt (Tikhonov) direction, and the reduction of
    /// ½‖r − J d‖² the linear model predicts for it.</summary>
    public (torch.Tensor Direction, double PredictedReduction) Solve(double lambda)
    {
        using var scope = torch.NewDisposeScope();
        var filtered = Coordinates * Singular / (Singular.square() + lambda);
        var direction = _vh.t().matmul(filtered).MoveToOuterDisposeScope();
        // r − J d = U(c − diag(σ²/(σ²+λ)) c) + (I − UUᵀ) r: only the first part changes.
        double reduction = 0;
        for (var i = 0; i < Values.Length; i++)
        {
            var keep = lambda / (Values[i] * Values[i] + lambda);
            reduction += 0.5 * CoordinateValues[i] * CoordinateValues[i] * (1 - keep * keep);
        }
        return (direction, reduction);
    }

    /// <summary>Condition number σ_max / σ_k of the leading <paramref name="rank"/> values.</summary>
    public double Condition(int rank) => rank == 0 ? double.NaN : Values[0] / Values[rank - 1];

    public void Dispose()
    {
        Singular.Dispose();
        _vh.Dispose();
        Coordinates.Dispose();
    }
}
