namespace Pinn.Optimizers.QuasiNewton.LineSearch;

/// <summary>φ(α) and φ'(α) of a line search along a direction.</summary>
internal readonly record struct LinePoint(double Alpha, double Value, double Slope)
{
    /// <summary>True when both numbers are finite.</summary>
    public bool IsFinite => double.IsFinite(Value) && double.IsFinite(Slope);
}
