namespace Pinn.Abstractions.Models.Embedding;

/// <summary>
/// Random Fourier features (Tancik et al. 2020): cos(2π Bx′) and sin(2π Bx′) with B [<see cref="Count"/>, d′] drawn
/// once from N(0, σ²) and never trained; x′ are the inputs that are not periodic. Since 1.8.
/// </summary>
/// <param name="Count">m ≥ 1 frequencies: 2m features.</param>
/// <param name="Scale">σ &gt; 0, in cycles per unit of the inputs: larger σ lets the network resolve finer scales.</param>
public sealed record FourierFeatures(int Count, double Scale);
