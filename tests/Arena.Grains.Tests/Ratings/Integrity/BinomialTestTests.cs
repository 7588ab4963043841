using Arena.Ratings.Integrity;

namespace Arena.Grains.Tests.Ratings.Integrity;

public sealed class BinomialTestTests
{
    [Theory]
    [InlineData(10, 7, 0.5)]
    [InlineData(30, 25, 0.4)]
    [InlineData(20, 3, 0.3)]
    [InlineData(300, 200, 0.55)]
    [InlineData(600, 420, 0.6)]
    public void UpperTail_AgainstTheSumOfTheProbabilities_Agrees(int n, int k, double p)
    {
        // The direct sum with exact binomial coefficients (as doubles, fine for these n).
        double expected = 0;
        for (var i = k; i <= n; i++)
        {
            expected += Math.Exp(LogChoose(n, i) + i * Math.Log(p) + (n - i) * Math.Log(1 - p));
        }

        Assert.Equal(expected, BinomialTest.UpperTail(n, k, p), expected * 1e-9 + 1e-15);
    }

    [Fact]
    public void UpperTail_AllOfThemForOneModel_IsPowerOfTheRate()
    {
        Assert.Equal(Math.Pow(0.45, 25), BinomialTest.UpperTail(25, 25, 0.45), 1e-20);
        Assert.Equal(1.0, BinomialTest.UpperTail(25, 0, 0.45));
        Assert.Equal(0.0, BinomialTest.UpperTail(25, 26, 0.45));
    }

    private static double LogChoose(int n, int k)
    {
        double sum = 0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }

        return sum;
    }
}
