using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>What <c>kfac</c> and <c>kfac-star</c> share: the Kronecker-factored curvature, the previous step
/// δ_prev [D], and their checkpoint state.</summary>
internal abstract class KroneckerOptimizer(KroneckerCurvature curvature, OptimizerContext context) : IOptimizer, IDisposable
{
    /// <summary>The curvature, updated from every step's tapes.</summary>
    protected KroneckerCurvature Curvature { get; } = curvature;

    /// <summary>δ_prev [D], the step taken last (zero at the start and after a rejected step).</summary>
    protected torch.Tensor Previous { get; private set; } = torch.zeros(context.ParameterCount, context.Spec.DType, context.Spec.Device);

    public abstract StepReport Step(IResidualModel model);

    /// <summary>Folds the tapes into the curvature; the stop reason when a damped factor is not positive definite
    /// (the stage ends with it instead of the run failing), else null.</summary>
    protected string? UpdateCurvature(ITapedLinearization linearization)
    {
        try
        {
            Curvature.Update(linearization);
            return null;
        }
        catch (FactorNotPositiveDefiniteException e)
        {
            return e.Message;
        }
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
    {
        var state = Curvature.StateDict();
        state["previous"] = Previous.clone();
        foreach (var (key, value) in ExtraState()) state[key] = torch.tensor(value, torch.float64);
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        Curvature.LoadStateDict(state);
        Previous.Dispose();
        Previous = state["previous"].clone().DetachFromDisposeScope();
        LoadExtraState(state);
    }

    /// <summary>Scalar state of the derived optimizer, by name (counts are exact in float64).</summary>
    protected virtual IEnumerable<(string Key, double Value)> ExtraState() => [];

    /// <summary>Restores what <see cref="ExtraState"/> wrote.</summary>
    protected virtual void LoadExtraState(IReadOnlyDictionary<string, torch.Tensor> state) { }

    public void Dispose()
    {
        Curvature.Dispose();
        Previous.Dispose();
    }
}
