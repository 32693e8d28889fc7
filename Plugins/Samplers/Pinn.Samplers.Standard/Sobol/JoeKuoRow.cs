namespace Pinn.Samplers.Standard.Sobol;

/// <summary>
/// One line of Joe and Kuo's table: the primitive polynomial of a Sobol' dimension over GF(2) and its
/// initial direction integers.
/// </summary>
/// <param name="Dimension">The Sobol' dimension d ≥ 2 (1-based; dimension 1 is van der Corput and has no row).</param>
/// <param name="Degree">s, the degree of x^s + c₁x^(s−1) + … + c_(s−1)x + 1.</param>
/// <param name="Coefficients">a: the inner coefficients c₁ … c_(s−1) as a binary number, c₁ the most significant bit.</param>
/// <param name="InitialNumbers">m₁ … m_s, odd, m_k &lt; 2^k.</param>
internal sealed record JoeKuoRow(int Dimension, int Degree, int Coefficients, int[] InitialNumbers);
