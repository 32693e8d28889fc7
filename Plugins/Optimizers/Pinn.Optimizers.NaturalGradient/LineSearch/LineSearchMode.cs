namespace Pinn.Optimizers.NaturalGradient.LineSearch;

/// <summary>How much of the logarithmic grid α ∈ {2⁰, 2⁻¹, …} is evaluated.</summary>
public enum LineSearchMode
{
    /// <summary>From α = 1 downwards, stopping at the first grid point whose loss is above the previous one
    /// once the loss has gone below the current loss: the grid minimum whenever the loss along the ray is
    /// unimodal, in 2–3 evaluations when the full step is taken.</summary>
    FirstMinimum,
    /// <summary>Every grid point, as in the ENGD papers.</summary>
    FullGrid,
    /// <summary>From twice the previous step's α: upwards while the loss keeps falling, else downwards to the
    /// first grid minimum. The same grid minimum as <see cref="FirstMinimum"/> on a unimodal ray, in about 3
    /// evaluations when α changes little from step to step (KFAC's small, steady steps).</summary>
    FromPrevious,
    /// <summary>From the previous step's α (1 at first): the parabola through the current loss, the slope along the
    /// ray at α = 0 (which the optimizer knows from its gradient) and the loss there says which neighbour on the grid
    /// is lower, and the walk moves one grid point at a time that way, refitting the parabola at every point, while the
    /// loss keeps falling and the parabola points on; when the loss there is not lower it starts again at the grid
    /// point the parabola rates lowest. On a quadratic ray it is the grid minimum; one evaluation when α stays, two
    /// when it moves by one grid point. Without a descent slope it walks as <see cref="FromPrevious"/>.</summary>
    Parabolic,
}
