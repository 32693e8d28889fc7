namespace Pinn.Optimizers.NaturalGradient.LineSearch;

/// <summary>The result of a line search along θ − α d.</summary>
/// <param name="Alpha">The chosen step length; 0 when no grid point lowers the loss.</param>
/// <param name="Loss">The loss at the chosen α (the current loss when α = 0).</param>
/// <param name="Evaluations">Forward evaluations of the loss spent.</param>
internal sealed record LineSearchOutcome(double Alpha, double Loss, int Evaluations);
