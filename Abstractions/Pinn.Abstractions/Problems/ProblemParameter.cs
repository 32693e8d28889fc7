namespace Pinn.Abstractions.Problems;

/// <summary>
/// An extra trainable parameter of a problem (an unknown coefficient of an inverse problem, the
/// exponent λ of a self-similar profile). It joins the flat parameter vector after the network's.
/// </summary>
/// <param name="Name">Name used in <see cref="ResidualInputs.Parameters"/> and in reports.</param>
/// <param name="Initial">Initial values; the tensor has shape [Initial.Length].</param>
public sealed record ProblemParameter(string Name, double[] Initial);
