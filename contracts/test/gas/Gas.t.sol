// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IPaymentPolicy} from "../../src/interfaces/IPaymentPolicy.sol";
import {ITreasury} from "../../src/interfaces/ITreasury.sol";
import {PaymentPolicy} from "../../src/PaymentPolicy.sol";
import {Treasury} from "../../src/Treasury.sol";
import {SystemFixture} from "../utils/SystemFixture.sol";
import {StockGovernor, StockGovernorWithLateQuorum, StockGovernorWithStorage} from "./GovernorVariants.sol";

// Named gas snapshots of the hot paths, written to contracts/snapshots/<TestContract>.json.
//
// forge runs `setUp` and each test as separate transactions, so every measured call below is the
// first call of its test: storage is cold and unmodified, as in a real transaction. forge's figures
// exclude the 21,000 intrinsic gas and the calldata cost; contracts/GAS.md lists them next to receipt
// figures measured on anvil.

/// @dev The deployed system with a funded treasury, the demo policy limits and the demo treasurer budgets.
abstract contract GasFixture is SystemFixture {
    address internal constant ETH = address(0);

    function setUp() public virtual override {
        super.setUp();
        _fundUsd(100_000e6);
        _fundEth(10 ether);
        vm.startPrank(address(timelock));
        policy.setTokenLimits(ETH, 1 ether, 2 ether, 0.25 ether);
        policy.setTokenLimits(address(usd), 500e6, 1_000e6, 100e6);
        treasury.setBudget(treasurer, address(usd), 1_000e6, 30 days);
        treasury.setBudget(treasurer, ETH, 0.5 ether, 30 days);
        vm.stopPrank();
        // The merchant already holds some cgUSD, as a merchant usually does.
        usd.mint(merchant, 1e6);
    }

    function _payoutProposal()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        return _single(address(treasury), abi.encodeCall(Treasury.pay, (address(usd), merchant, 100e6, "GRANT-1")));
    }

    function _policyProposal()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        return _single(address(policy), abi.encodeCall(PaymentPolicy.setThresholds, (45, 85)));
    }
}

contract GasProposeTest is GasFixture {
    function test_SetUpState() public view {
        assertEq(governor.proposalCount(), 0, "no proposals");
    }

    function test_Gas_Propose() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal();
        vm.prank(member1);
        governor.propose(targets, values, calldatas, "Pay the grant");
        vm.snapshotGasLastCall("propose (1 action)");
    }
}

contract GasVoteTest is GasFixture {
    uint256 internal fresh;
    uint256 internal quorate;
    address internal small = makeAddr("small holder");

    function setUp() public override {
        super.setUp();
        vm.prank(member4);
        assertTrue(token.transfer(small, 1_000e18), "transfer");
        vm.prank(small);
        token.delegate(small);
        vm.warp(block.timestamp + 1);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal();
        fresh = _propose(targets, values, calldatas, "Fresh proposal");
        quorate = _propose(targets, values, calldatas, "Proposal that reached quorum");
        _warpToVoting(fresh);
        _vote(member1, quorate, 1);
    }

    function test_SetUpState() public view {
        (, uint256 forVotes,) = governor.proposalVotes(quorate);
        assertGt(forVotes, governor.quorum(governor.proposalSnapshot(quorate)), "quorum reached");
        assertFalse(governor.hasVoted(fresh, member1), "fresh");
    }

    function test_Gas_CastVoteFirstReachingQuorum() public {
        vm.prank(member2);
        governor.castVote(fresh, 1);
        vm.snapshotGasLastCall("castVote (reaches quorum)");
    }

    function test_Gas_CastVoteBelowQuorum() public {
        vm.prank(small);
        governor.castVote(fresh, 1);
        vm.snapshotGasLastCall("castVote (below quorum)");
    }

    function test_Gas_CastVoteAfterQuorum() public {
        vm.prank(member2);
        governor.castVote(quorate, 1);
        vm.snapshotGasLastCall("castVote (quorum already reached)");
    }

    function test_Gas_CastVoteWithReasonFirstReachingQuorum() public {
        vm.prank(member2);
        governor.castVoteWithReason(fresh, 1, "Within the policy, and long overdue.");
        vm.snapshotGasLastCall("castVoteWithReason (reaches quorum)");
    }

    function test_Gas_CastVoteWithReasonAfterQuorum() public {
        vm.prank(member2);
        governor.castVoteWithReason(quorate, 1, "Within the policy, and long overdue.");
        vm.snapshotGasLastCall("castVoteWithReason (quorum already reached)");
    }
}

contract GasQueueExecuteTest is GasFixture {
    uint256 internal toQueue;
    uint256 internal payout;
    uint256 internal policyChange;

    function setUp() public override {
        super.setUp();
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal();
        toQueue = _propose(targets, values, calldatas, "To queue");
        payout = _propose(targets, values, calldatas, "To execute");
        (targets, values, calldatas) = _policyProposal();
        policyChange = _propose(targets, values, calldatas, "Stricter thresholds");
        _warpToVoting(toQueue);
        _vote(member1, toQueue, 1);
        _vote(member1, payout, 1);
        _vote(member1, policyChange, 1);
        _warpPastDeadline(toQueue);
        governor.queue(payout);
        governor.queue(policyChange);
        vm.warp(block.timestamp + timelock.getMinDelay());
    }

    function test_SetUpState() public view {
        assertEq(uint8(governor.state(toQueue)), 4, "succeeded");
        assertEq(uint8(governor.state(payout)), 5, "queued");
    }

    // Queue and execute with the full proposal, as Tally and the reference figures do; the
    // GovernorStorage shortcuts `queue(id)` / `execute(id)` read the stored proposal instead.

    function test_Gas_Queue() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal();
        governor.queue(targets, values, calldatas, keccak256("To queue"));
        vm.snapshotGasLastCall("queue (1 action)");
    }

    function test_Gas_QueueById() public {
        governor.queue(toQueue);
        vm.snapshotGasLastCall("queue by id (GovernorStorage)");
    }

    function test_Gas_ExecuteErc20Payout() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal();
        governor.execute(targets, values, calldatas, keccak256("To execute"));
        vm.snapshotGasLastCall("execute (ERC-20 payout)");
    }

    function test_Gas_ExecutePolicyChange() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _policyProposal();
        governor.execute(targets, values, calldatas, keccak256("Stricter thresholds"));
        vm.snapshotGasLastCall("execute (policy change)");
    }
}

/// @dev castVote on governors that differ by one extension: what Storage and PreventLateQuorum cost.
contract GasGovernorCompositionTest is GasFixture {
    IGovernor[4] internal governors;
    uint256[4] internal fresh;
    uint256[4] internal quorate;

    function setUp() public override {
        super.setUp();
        TimelockController lock = new TimelockController(1 days, new address[](0), new address[](0), address(this));
        governors = [
            IGovernor(new StockGovernor(token, lock)),
            IGovernor(new StockGovernorWithStorage(token, lock)),
            IGovernor(new StockGovernorWithLateQuorum(token, lock)),
            IGovernor(governor)
        ];
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal();
        for (uint256 i = 0; i < 4; ++i) {
            vm.startPrank(member1);
            fresh[i] = governors[i].propose(targets, values, calldatas, "fresh");
            quorate[i] = governors[i].propose(targets, values, calldatas, "quorate");
            vm.stopPrank();
        }
        vm.warp(governors[0].proposalSnapshot(fresh[0]) + 1);
        for (uint256 i = 0; i < 4; ++i) {
            vm.prank(member1);
            governors[i].castVote(quorate[i], 1);
        }
    }

    function test_SetUpState() public view {
        for (uint256 i = 0; i < 4; ++i) {
            assertEq(uint8(governors[i].state(fresh[i])), 1, "active");
        }
    }

    function _first(uint256 i, string memory label) internal {
        vm.prank(member2);
        governors[i].castVote(fresh[i], 1);
        vm.snapshotGasLastCall(string.concat("castVote first vote: ", label));
    }

    function _later(uint256 i, string memory label) internal {
        vm.prank(member2);
        governors[i].castVote(quorate[i], 1);
        vm.snapshotGasLastCall(string.concat("castVote after quorum: ", label));
    }

    function test_Gas_CastVoteStock() public {
        _first(0, "stock OZ");
    }

    function test_Gas_CastVoteStockWithStorage() public {
        _first(1, "stock OZ + Storage");
    }

    function test_Gas_CastVoteStockWithLateQuorum() public {
        _first(2, "stock OZ + PreventLateQuorum");
    }

    function test_Gas_CastVoteCommunityGovernor() public {
        _first(3, "CommunityGovernor");
    }

    function test_Gas_CastVoteAfterQuorumStock() public {
        _later(0, "stock OZ");
    }

    function test_Gas_CastVoteAfterQuorumStockWithLateQuorum() public {
        _later(2, "stock OZ + PreventLateQuorum");
    }

    function test_Gas_CastVoteAfterQuorumCommunityGovernor() public {
        _later(3, "CommunityGovernor");
    }

    function test_Gas_ProposeStock() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal();
        vm.prank(member1);
        governors[0].propose(targets, values, calldatas, "another");
        vm.snapshotGasLastCall("propose: stock OZ");
    }

    function test_Gas_ProposeStockWithStorage() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _payoutProposal();
        vm.prank(member1);
        governors[1].propose(targets, values, calldatas, "another");
        vm.snapshotGasLastCall("propose: stock OZ + Storage");
    }
}

contract GasTreasuryTest is GasFixture {
    address internal newTreasurer = makeAddr("new treasurer");
    address internal newSupplier = makeAddr("new supplier");
    ITreasury.Payment[] internal batch;

    function setUp() public override {
        // A real date: the treasury counts the daily cap in UTC days, and no real chain is on day 0.
        vm.warp(1_750_000_000);
        super.setUp();
        // Steady state: the treasurer has already paid once this period.
        vm.startPrank(treasurer);
        treasury.payout(address(usd), makeAddr("supplier"), 10e6, "INV-1");
        treasury.payout(ETH, makeAddr("supplier"), 0.01 ether, "INV-1");
        vm.stopPrank();
        _setBudget(newTreasurer, address(usd), 1_000e6, 30 days);
        vm.deal(merchant, 1 ether);
        // The treasury has paid the merchant and the batch's payees before (by vote), so the
        // first-payment cap does not apply to them: the usual case for a treasurer's invoices.
        vm.prank(address(timelock));
        treasury.pay(address(usd), merchant, 1e6, "GRANT-0");
        for (uint256 i = 0; i < 10; ++i) {
            address payee = makeAddr(string.concat("payee ", vm.toString(i)));
            usd.mint(payee, 1e6);
            vm.prank(address(timelock));
            treasury.pay(address(usd), payee, 1e6, "GRANT-0");
            batch.push(ITreasury.Payment(payee, 10e6, string.concat("INV-", vm.toString(100 + i))));
        }
        // A supplier the treasury never paid, who already holds cgUSD.
        usd.mint(newSupplier, 1e6);
    }

    function test_SetUpState() public view {
        assertEq(treasury.budget(treasurer, address(usd)).spent, 10e6, "spent");
        assertEq(treasury.budget(newTreasurer, address(usd)).spent, 0, "unspent");
    }

    function test_Gas_PayoutErc20() public {
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 120e6, "INV-2");
        vm.snapshotGasLastCall("treasurer payout ERC-20");
    }

    /// @dev A supplier this treasurer already paid earlier today: its recipient window slot is written
    /// again rather than created.
    function test_Gas_PayoutErc20RepeatRecipient() public {
        vm.prank(treasurer);
        treasury.payout(address(usd), makeAddr("supplier"), 50e6, "INV-2");
        vm.snapshotGasLastCall("treasurer payout ERC-20 (recipient a treasurer paid today)");
    }

    function test_Gas_PayoutErc20FirstOfBudget() public {
        vm.prank(newTreasurer);
        treasury.payout(address(usd), merchant, 120e6, "INV-2");
        vm.snapshotGasLastCall("treasurer payout ERC-20 (first payout of a new budget)");
    }

    function test_Gas_PayoutErc20FirstPayment() public {
        vm.prank(treasurer);
        treasury.payout(address(usd), newSupplier, 80e6, "INV-2");
        vm.snapshotGasLastCall("treasurer payout ERC-20 (first payment to a recipient)");
    }

    function test_Gas_PayoutErc20NewRecipient() public {
        vm.prank(treasurer);
        treasury.payout(address(usd), makeAddr("first-time payee"), 80e6, "INV-2");
        vm.snapshotGasLastCall("treasurer payout ERC-20 (first payment, recipient holds no cgUSD yet)");
    }

    function test_Gas_PayoutEth() public {
        vm.prank(treasurer);
        treasury.payout(ETH, merchant, 0.1 ether, "INV-2");
        vm.snapshotGasLastCall("treasurer payout ETH");
    }

    function test_Gas_PayoutBatchOf10() public {
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), batch);
        vm.snapshotGasLastCall("treasurer payoutBatch of 10 (ERC-20)");
    }

    function test_Gas_PolicyChange() public {
        vm.prank(address(timelock));
        policy.setThresholds(45, 85);
        vm.snapshotGasLastCall("policy change (setThresholds, by the timelock)");
    }

    function test_Gas_PolicySnapshotRead() public {
        policy.snapshot();
        vm.snapshotGasLastCall("policy snapshot() read (2 token limits)");
    }
}

/// @dev The policy's list changes and site look-ups, each on a policy that already lists a few entries,
/// so the measured call adds to, replaces in or removes from a non-empty list.
contract GasPolicyTest is GasFixture {
    address internal listedMerchant = makeAddr("listed merchant");

    function setUp() public override {
        super.setUp();
        vm.startPrank(address(timelock));
        policy.setMerchantStatus(merchant, IPaymentPolicy.MerchantStatus.Trusted, "Corner Coffee");
        policy.setMerchantStatus(listedMerchant, IPaymentPolicy.MerchantStatus.Blocked, "refunds never arrive");
        policy.setOriginStatus("https://shop.example", IPaymentPolicy.MerchantStatus.Trusted, "our shop");
        policy.setOriginStatus("https://old.example", IPaymentPolicy.MerchantStatus.Blocked, "closed");
        policy.setDomainStatus("scam.example", IPaymentPolicy.MerchantStatus.Blocked, "reported by members");
        policy.setDomainStatus("coop.example", IPaymentPolicy.MerchantStatus.Trusted, "our co-op");
        vm.stopPrank();
    }

    function test_SetUpState() public view {
        (, uint256 merchantCount) = policy.merchants(0, 0);
        (, uint256 originCount) = policy.origins(0, 0);
        (, uint256 domainCount) = policy.domains(0, 0);
        assertEq(merchantCount + originCount + domainCount, 6, "listed entries");
        assertEq(policy.snapshot().tokenLimits.length, 2, "limited tokens");
    }

    function test_Gas_SetTokenLimitsNewToken() public {
        vm.prank(address(timelock));
        policy.setTokenLimits(makeAddr("new token"), 100e18, 500e18, 20e18);
        vm.snapshotGasLastCall("policy setTokenLimits (a token not yet limited)");
    }

    function test_Gas_SetTokenLimitsReplace() public {
        vm.prank(address(timelock));
        policy.setTokenLimits(address(usd), 400e6, 900e6, 80e6);
        vm.snapshotGasLastCall("policy setTokenLimits (replacing a token's limits)");
    }

    function test_Gas_RemoveTokenLimits() public {
        vm.prank(address(timelock));
        policy.removeTokenLimits(ETH);
        vm.snapshotGasLastCall("policy removeTokenLimits");
    }

    function test_Gas_SetMerchantStatusAdd() public {
        vm.prank(address(timelock));
        policy.setMerchantStatus(stranger, IPaymentPolicy.MerchantStatus.Blocked, "asked members for keys");
        vm.snapshotGasLastCall("policy setMerchantStatus (add)");
    }

    function test_Gas_SetMerchantStatusRemove() public {
        vm.prank(address(timelock));
        policy.setMerchantStatus(merchant, IPaymentPolicy.MerchantStatus.Unknown, "");
        vm.snapshotGasLastCall("policy setMerchantStatus (remove)");
    }

    function test_Gas_SetOriginStatusAdd() public {
        vm.prank(address(timelock));
        policy.setOriginStatus("HTTPS://Pay.Shop.Example:443/", IPaymentPolicy.MerchantStatus.Trusted, "checkout");
        vm.snapshotGasLastCall("policy setOriginStatus (add)");
    }

    function test_Gas_SetOriginStatusRemove() public {
        vm.prank(address(timelock));
        policy.setOriginStatus("https://shop.example", IPaymentPolicy.MerchantStatus.Unknown, "");
        vm.snapshotGasLastCall("policy setOriginStatus (remove)");
    }

    function test_Gas_SetDomainStatusAdd() public {
        vm.prank(address(timelock));
        policy.setDomainStatus("Fake-Bank.Example.", IPaymentPolicy.MerchantStatus.Blocked, "phishing");
        vm.snapshotGasLastCall("policy setDomainStatus (add)");
    }

    function test_Gas_SetDomainStatusRemove() public {
        vm.prank(address(timelock));
        policy.setDomainStatus("scam.example", IPaymentPolicy.MerchantStatus.Unknown, "");
        vm.snapshotGasLastCall("policy setDomainStatus (remove)");
    }

    function test_Gas_SiteStatusSubdomain() public {
        policy.siteStatus("https://a.b.pay.coop.example:8443");
        vm.snapshotGasLastCall("policy siteStatus (4-level subdomain of a trusted domain)");
    }

    function test_Gas_MerchantsPage() public {
        policy.merchants(0, 10);
        vm.snapshotGasLastCall("policy merchants page (2 entries)");
    }

    function test_Gas_OriginsPage() public {
        policy.origins(0, 10);
        vm.snapshotGasLastCall("policy origins page (2 entries)");
    }
}
