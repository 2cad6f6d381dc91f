namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>Fixed facts of the KALP DLT Test Net.</summary>
internal static class KalpNetwork
{
    public const string ChainId = "kalp";
    public const string ChainName = "KALP DLT";
    public const string NetworkId = "testnet";
    public const string NetworkName = "Test Net";
    public const long NumericChainId = 19031998;
    public const string Channel = "kalptantra";
    public const string Currency = "GINI";
    public const int CurrencyDecimals = 18;
    public const string GiniContractId = "klp-f02611a93e-cc";
    public const string LifecycleChaincode = "_lifecycle";
    public const string ConfigType = "CONFIG";
    public const string EndorserType = "ENDORSER_TRANSACTION";
    public const string FoundationMsp = "KalpFoundationMSP";
    public const string MemberMsp = "KalpTantraMSP";
    public const string OrdererMsp = "OrdererMSP";
}
