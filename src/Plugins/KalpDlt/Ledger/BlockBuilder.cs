namespace KsQuery.Plugins.KalpDlt.Ledger;

/// <summary>Builds block <c>n</c> from the seed, <c>n</c> and the current state: scheduled config, deployment and
/// initialization blocks, otherwise 1 to 6 random KRC-20 transactions (a few of them invalid).</summary>
internal sealed class BlockBuilder(LedgerSchedule schedule, LedgerState state)
{
    public const int ForcedInvalidPercent = 5;

    public BuiltBlock Build(long number, DateTimeOffset timestamp, string? previousHash)
    {
        var draft = new BlockDraft(schedule, state, number);
        if (schedule.IsConfigBlock(number))
        {
            draft.AddConfig(number switch
            {
                0 => "genesis",
                1 => "anchor-peers:" + KalpNetwork.FoundationMsp,
                2 => "anchor-peers:" + KalpNetwork.MemberMsp,
                _ => "config-update",
            });
        }
        else if (schedule.CommitAt(number) is { } commit)
        {
            draft.AddLifecycleCommit(commit);
        }
        else if (schedule.InitializeAt(number) is { } plan)
        {
            draft.AddInitialize(plan);
            if (plan.IsGini)
            {
                foreach (var allocation in schedule.Allocations)
                {
                    draft.AddMint(plan.ContractId, schedule.Foundation, allocation.Address, (UInt128)(ulong)allocation.WholeTokens * TokenAmount.Pow10(plan.Decimals), ValidationCodes.Valid);
                }
            }
            else
            {
                draft.AddMint(plan.ContractId, plan.Owner, plan.Owner, (UInt128)(ulong)plan.InitialMint * TokenAmount.Pow10(plan.Decimals), ValidationCodes.Valid);
            }
        }
        else
        {
            var rng = DeterministicRandom.ForBlock(schedule.Seed, number);
            var count = rng.Next(1, 7);
            for (var i = 0; i < count; i++)
            {
                AddRandomTransaction(draft, rng);
            }
        }
        return draft.Seal(timestamp, previousHash);
    }

    /// <summary>The generated history's clock: 2 to 6 seconds after the previous block.</summary>
    public DateTimeOffset HistoryTime(long number, DateTimeOffset? previous) =>
        previous is null
            ? LedgerSchedule.GenesisTime
            : previous.Value.AddMilliseconds(DeterministicRandom.ForBlock(~schedule.Seed, number).Next(2000, 6001));

    private void AddRandomTransaction(BlockDraft draft, DeterministicRandom rng)
    {
        var active = schedule.ActiveAt(draft.Number);
        if (active.Count == 0)
        {
            draft.AddConfig("config-update");
            return;
        }
        var gini = active.FirstOrDefault(c => c.IsGini) ?? active[0];
        var tokens = active.Where(c => !c.IsGini).ToArray();
        var forced = rng.Next(100) < ForcedInvalidPercent ? InvalidCode(rng) : ValidationCodes.Valid;
        var roll = rng.Next(100);
        var done = roll switch
        {
            < 55 => TryTransfer(draft, rng, gini, forced),
            < 70 => tokens.Length > 0 && TryTransfer(draft, rng, rng.Pick(tokens), forced),
            < 80 => TryApprove(draft, rng, rng.Pick(active), forced),
            < 88 => TryTransferFrom(draft, rng, forced),
            _ => tokens.Length > 0 && TryMint(draft, rng, rng.Pick(tokens), forced),
        };
        if (!done && !TryTransfer(draft, rng, gini, forced))
        {
            TryApprove(draft, rng, gini, forced);
        }
    }

    private static int InvalidCode(DeterministicRandom rng) => rng.Next(100) switch
    {
        < 35 => ValidationCodes.EndorsementPolicyFailure,
        < 55 => ValidationCodes.PhantomReadConflict,
        < 80 => ValidationCodes.InvalidOtherReason,
        _ => ValidationCodes.MvccReadConflict,
    };

    private bool TryTransfer(BlockDraft draft, DeterministicRandom rng, ContractPlan contract, int forced)
    {
        var holders = state.Holders(contract.ContractId);
        for (var attempt = 0; attempt < 6 && holders.Count > 0; attempt++)
        {
            var from = rng.Pick(holders);
            var balance = draft.Balance(contract.ContractId, from);
            if (balance > 0 && !draft.IsWritten(contract.ContractId, KrcEvents.BalanceKey(from)))
            {
                draft.AddTransfer(contract.ContractId, from, OtherWallet(rng, from), Portion(rng, balance), forced);
                return true;
            }
        }
        return false;
    }

    private bool TryTransferFrom(BlockDraft draft, DeterministicRandom rng, int forced)
    {
        var keys = state.AllowanceKeys;
        for (var attempt = 0; attempt < 6 && keys.Count > 0; attempt++)
        {
            var key = rng.Pick(keys);
            var limit = UInt128.Min(draft.Allowance(key), draft.Balance(key.ContractId, key.Owner));
            if (limit > 0
                && !draft.IsWritten(key.ContractId, KrcEvents.AllowanceKey(key.Owner, key.Spender))
                && !draft.IsWritten(key.ContractId, KrcEvents.BalanceKey(key.Owner)))
            {
                draft.AddTransferFrom(key, OtherWallet(rng, key.Owner), Portion(rng, limit), forced);
                return true;
            }
        }
        return false;
    }

    private bool TryApprove(BlockDraft draft, DeterministicRandom rng, ContractPlan contract, int forced)
    {
        var holders = state.Holders(contract.ContractId);
        var owner = holders.Count > 0 && rng.Next(2) == 0 ? rng.Pick(holders) : rng.Pick(schedule.Wallets);
        var value = (UInt128)(ulong)rng.Next(1, 10_000) * TokenAmount.Pow10(contract.Decimals);
        draft.AddApprove(contract.ContractId, owner, OtherWallet(rng, owner), value, forced);
        return true;
    }

    private bool TryMint(BlockDraft draft, DeterministicRandom rng, ContractPlan contract, int forced)
    {
        var amount = (UInt128)(ulong)rng.Next(1, 100_000) * TokenAmount.Pow10(contract.Decimals);
        draft.AddMint(contract.ContractId, contract.Owner, rng.Pick(schedule.Wallets), amount, forced);
        return true;
    }

    private string OtherWallet(DeterministicRandom rng, string exclude)
    {
        while (true)
        {
            var wallet = rng.Pick(schedule.Wallets);
            if (wallet != exclude)
            {
                return wallet;
            }
        }
    }

    /// <summary>0.1% to 25% of <paramref name="available"/>, at least one base unit.</summary>
    private static UInt128 Portion(DeterministicRandom rng, UInt128 available) =>
        UInt128.Max(1, available * (ulong)rng.Next(1, 251) / 1000);
}
