namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>
/// Whether the loss still falls: converged once it fell by less than a fraction <c>decrease</c> over the last
/// <c>window</c> steps. A loss above the one a window ago is not convergence but a new objective — the points were
/// redrawn (adaptive sampling) or a weighting scheme changed the weights — so the window starts again from it.
/// </summary>
internal sealed class ConvergenceWindow(double decrease, int window)
{
    private readonly Queue<double> _losses = new();

    /// <summary>Records the loss after a step; true when the stage has converged.</summary>
    public bool Converged(double loss)
    {
        _losses.Enqueue(loss);
        if (_losses.Count <= window) return false;
        var before = _losses.Dequeue();
        if (loss > before)
        {
            _losses.Clear();
            _losses.Enqueue(loss);
            return false;
        }
        return before - loss < decrease * before;
    }

    public void Clear() => _losses.Clear();
}
