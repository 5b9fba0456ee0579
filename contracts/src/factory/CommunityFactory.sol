// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {CommunityGovernor} from "../CommunityGovernor.sol";
import {CommunityTimelock} from "../CommunityTimelock.sol";
import {CommunityToken} from "../CommunityToken.sol";
import {PaymentPolicy} from "../PaymentPolicy.sol";
import {Treasury} from "../Treasury.sol";
import {IPaymentPolicy} from "../interfaces/IPaymentPolicy.sol";

/**
 * @dev Creates a complete CommonGuard community in one transaction from one {CommunityConfig}: the
 * governance token with its founding holders, the governor, the timelock, the treasury and the payment
 * policy with its first thresholds, per-token limits and (optionally) trusted or blocked merchants,
 * sites and domains. It records every community it made ({communities}, {communityOf}) and announces
 * each with one {CommunityCreated} event.
 *
 * It refuses the settings the deploy script refuses, each with an error that names the field and the
 * safe range: a quorum outside 1–100 %, a voting delay under {MIN_VOTING_DELAY}, a voting period under
 * {MIN_VOTING_PERIOD}, a late-quorum extension longer than the voting period, a timelock delay under {MIN_TIMELOCK_DELAY} or over {MAX_TIMELOCK_DELAY}, a
 * proposal threshold of 0 unless the config allows it, thresholds that are not `warnAt < blockAt ≤ 100`,
 * and token limits that contradict each other (a first payment or a single payment above the daily cap,
 * a first payment above the single-payment limit, the same token twice).
 *
 * ==== Clones
 *
 * Each part is an ERC-1167 minimal clone (OpenZeppelin {Clones}) of an implementation deployed once
 * beforehand and given to the constructor (the five parts' code does not fit in one contract: EIP-170),
 * initialised in the same call that creates it. The parts are built on OpenZeppelin's upgradeable variants,
 * so a clone has exactly the code and rules of a part deployed with `new`; a clone is not an upgradeable
 * proxy: it has no admin and always runs the implementation it was cloned from.
 *
 * Why clones. Measured by `contracts/test/factory/CommunityFactory.gas.t.sol` (forge, solc 0.8.30, 200
 * runs, the config of its fixture; `contracts/snapshots/CommunityFactoryGasTest.json` and
 * `CommunityCloneCallGasTest.json`): creating a community through this factory takes 2,022,549 gas of
 * execution in one transaction; deploying the same contracts one by one with `new` takes 14,957,125 over 15
 * transactions (with intrinsic gas), most of it the 200 gas per byte of code deposit that a 45-byte clone
 * does not pay. That is 86 % less, above the half the issue set as the bar (before clones, the factory
 * created the parts with `new` for 13,498,679). The price is a `DELEGATECALL` in every call to a part, for
 * as long as the community lives, about 2,700 gas when a transaction first touches the implementation (a
 * cold account) and about 100 after that. Measured on the first call of a transaction, cloned parts against
 * parts made with `new`: `castVote` 110,259 against 104,399 (+5,860: governor and token), a treasurer
 * payout 65,684 against 60,117 (+5,567: treasury and policy), `checkPayment` 7,757 against 5,076 (+2,681),
 * `snapshot()` 31,253 against 28,503 (+2,750). The 12.9 million gas saved at creation pays for those
 * extra costs over more than two thousand votes and payouts, and creation is what a new community must
 * afford up front, so the factory clones.
 *
 * ==== Security Considerations
 *
 * When {createCommunity} returns, the new timelock owns the token, the treasury and the policy, and is
 * its own only admin; the governor is its only proposer and canceller; anyone may execute a queued
 * proposal once the delay has passed. Neither this factory nor the caller keeps any role or ownership:
 * every privileged call in the new community needs a passed vote. The factory has no owner and no
 * privileged function of its own.
 *
 * Every clone is initialised in the call that creates it, so nobody can initialise one first; `initialize`
 * reverts on it ever after. The implementations are initialised when they are deployed (see
 * `deployCommunityFactory`), so nobody can initialise or take over one either, and a clone shares only
 * their code, never their storage.
 */
contract CommunityFactory {
    /// @dev A merchant address the community trusts or blocks from the start.
    struct MerchantRule {
        address merchant;
        IPaymentPolicy.MerchantStatus status;
        string note;
    }

    /// @dev A site origin (`https://shop.example`) or a domain (`shop.example`) and its first status.
    struct SiteRule {
        string name;
        IPaymentPolicy.MerchantStatus status;
        string note;
    }

    /// @dev Everything a community is made from.
    struct CommunityConfig {
        /// The community's name; the governor carries it.
        string name;
        string tokenName;
        string tokenSymbol;
        /// Founding members and the votes each gets (`amounts[i]` for `holders[i]`).
        address[] holders;
        uint256[] amounts;
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        /// Must be true for a proposal threshold of 0 (anyone could propose without holding votes).
        bool allowZeroProposalThreshold;
        /// Quorum in percent of the total supply.
        uint256 quorumNumerator;
        uint48 lateQuorumExtension;
        uint256 timelockDelay;
        uint8 warnAt;
        uint8 blockAt;
        bool unlimitedApprovalsAllowed;
        IPaymentPolicy.TokenLimits[] tokenLimits;
        MerchantRule[] merchants;
        SiteRule[] origins;
        SiteRule[] domains;
    }

    /// @dev The contracts of one community, and who created it when.
    struct Community {
        CommunityToken token;
        CommunityGovernor governor;
        TimelockController timelock;
        Treasury treasury;
        PaymentPolicy policy;
        address creator;
        uint64 createdAt;
    }

    /// @dev The implementations the parts are cloned from (see `contracts/script/CommunityFactoryDeployment.sol`).
    struct Implementations {
        CommunityTimelock timelock;
        CommunityToken token;
        CommunityGovernor governor;
        Treasury treasury;
        PaymentPolicy policy;
    }

    /// @dev Shortest voting delay accepted (1 minute): members see a proposal before voting opens.
    uint256 public constant MIN_VOTING_DELAY = 1 minutes;

    /// @dev Shortest voting period accepted (1 hour): members must have time to vote at all.
    uint256 public constant MIN_VOTING_PERIOD = 1 hours;

    /// @dev Shortest timelock delay accepted (1 hour): members can react before a passed proposal runs.
    uint256 public constant MIN_TIMELOCK_DELAY = 1 hours;

    /// @dev Longest timelock delay accepted (1 year): a longer one would freeze the community.
    uint256 public constant MAX_TIMELOCK_DELAY = 365 days;

    address private immutable _timelockImplementation;
    address private immutable _tokenImplementation;
    address private immutable _governorImplementation;
    address private immutable _treasuryImplementation;
    address private immutable _policyImplementation;

    Community[] private _communities;
    mapping(address governor => uint256 indexPlusOne) private _communityIndex;

    /// @dev A community was created by `creator`; every address it is made of, and its name.
    event CommunityCreated(
        address indexed governor,
        address indexed creator,
        string name,
        address token,
        address timelock,
        address treasury,
        address policy
    );

    /// @dev `field` is `value`, outside the safe range `[min, max]`.
    error CommunityFactoryValueOutOfRange(string field, uint256 value, uint256 min, uint256 max);

    /// @dev A proposal threshold of 0 lets anyone propose without holding votes; the config must allow it.
    error CommunityFactoryZeroProposalThreshold();

    /// @dev `warnAt` must be below `blockAt`, and `blockAt` at most 100.
    error CommunityFactoryInvalidThresholds(uint8 warnAt, uint8 blockAt);

    /// @dev `field` is empty; the community needs it.
    error CommunityFactoryEmptyField(string field);

    /// @dev No founding holder: nobody could ever vote.
    error CommunityFactoryNoHolders();

    /// @dev `holders` and `amounts` differ in length.
    error CommunityFactoryAllocationMismatch(uint256 holders, uint256 amounts);

    /// @dev Founding holder number `index` is the zero address or gets no votes.
    error CommunityFactoryInvalidHolder(uint256 index, address holder, uint256 amount);

    /// @dev For `token`, `field` (`value`) is above `limitField` (`limit`), which it must not exceed.
    error CommunityFactoryContradictoryLimits(
        address token, string field, uint256 value, string limitField, uint256 limit
    );

    /// @dev `token` has limits twice in the config.
    error CommunityFactoryDuplicateTokenLimits(address token);

    /// @dev `governor` is no community this factory created.
    error CommunityFactoryUnknownCommunity(address governor);

    /// @dev `implementation` has no code: nothing could be cloned from it.
    error CommunityFactoryInvalidImplementation(address implementation);

    /**
     * @dev Clones the parts from `implementations`, each deployed beforehand and already initialised, so
     * that nobody can initialise or take over an implementation itself. Reverts with
     * {CommunityFactoryInvalidImplementation} for an address without code.
     */
    constructor(Implementations memory implementations) {
        _timelockImplementation = _implementation(address(implementations.timelock));
        _tokenImplementation = _implementation(address(implementations.token));
        _governorImplementation = _implementation(address(implementations.governor));
        _treasuryImplementation = _implementation(address(implementations.treasury));
        _policyImplementation = _implementation(address(implementations.policy));
    }

    /**
     * @dev Creates a community from `config` (see {CommunityConfig}) and returns its contracts. Reverts with
     * the errors above on an unsafe or contradictory setting, and with the policy's own
     * {IPaymentPolicy-PaymentPolicyInvalidOrigin} or {IPaymentPolicy-PaymentPolicyInvalidDomain} for a site
     * name no browser reports. Emits a {CommunityCreated} event.
     */
    function createCommunity(CommunityConfig calldata config) external returns (Community memory community) {
        checkConfig(config);

        // Each clone is initialised right after it is created, in this same call: nobody can initialise
        // one in between. The factory is the timelock's admin and the policy's owner only until the end
        // of this call.
        CommunityTimelock timelock = CommunityTimelock(payable(Clones.clone(_timelockImplementation)));
        timelock.initialize(config.timelockDelay, new address[](0), new address[](0), address(this));
        CommunityToken token = CommunityToken(Clones.clone(_tokenImplementation));
        token.initialize(config.tokenName, config.tokenSymbol, address(timelock), config.holders, config.amounts);
        CommunityGovernor governor = CommunityGovernor(payable(Clones.clone(_governorImplementation)));
        governor.initialize(
            config.name,
            token,
            address(timelock),
            CommunityGovernor.Settings({
                votingDelay: config.votingDelay,
                votingPeriod: config.votingPeriod,
                proposalThreshold: config.proposalThreshold,
                quorumNumerator: config.quorumNumerator,
                lateQuorumExtension: config.lateQuorumExtension
            })
        );
        PaymentPolicy policy = PaymentPolicy(Clones.clone(_policyImplementation));
        policy.initialize(address(this), config.warnAt, config.blockAt, config.unlimitedApprovalsAllowed);
        _writeFirstRules(policy, config);
        policy.transferOwnership(address(timelock));
        Treasury treasury = Treasury(payable(Clones.clone(_treasuryImplementation)));
        treasury.initialize(address(timelock), policy);

        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        // address(0) as executor: once the delay has passed, anyone may execute a queued proposal.
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(0));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        // The record keeps OpenZeppelin's {TimelockController} type: the clone has exactly its interface.
        community = Community(
            token,
            governor,
            TimelockController(payable(address(timelock))),
            treasury,
            policy,
            msg.sender,
            uint64(block.timestamp)
        );
        _communities.push(community);
        _communityIndex[address(governor)] = _communities.length;
        emit CommunityCreated(
            address(governor),
            msg.sender,
            config.name,
            address(token),
            address(timelock),
            address(treasury),
            address(policy)
        );
    }

    /**
     * @dev Reverts with the error {createCommunity} would give for `config`'s governance settings,
     * founding holders, thresholds and token limits; returns if they are safe. Site names are checked by
     * the policy itself when the community is created.
     */
    function checkConfig(CommunityConfig calldata config) public pure {
        if (bytes(config.name).length == 0) revert CommunityFactoryEmptyField("name");
        if (bytes(config.tokenName).length == 0) revert CommunityFactoryEmptyField("tokenName");
        if (bytes(config.tokenSymbol).length == 0) revert CommunityFactoryEmptyField("tokenSymbol");
        _checkHolders(config.holders, config.amounts);
        _checkRange("votingDelay", config.votingDelay, MIN_VOTING_DELAY, type(uint48).max);
        _checkRange("votingPeriod", config.votingPeriod, MIN_VOTING_PERIOD, type(uint32).max);
        // OpenZeppelin's GovernorPreventLateQuorum refuses an extension longer than the voting period.
        _checkRange("lateQuorumExtension", config.lateQuorumExtension, 0, config.votingPeriod);
        _checkRange("quorumNumerator", config.quorumNumerator, 1, 100);
        _checkRange("timelockDelay", config.timelockDelay, MIN_TIMELOCK_DELAY, MAX_TIMELOCK_DELAY);
        if (config.proposalThreshold == 0 && !config.allowZeroProposalThreshold) {
            revert CommunityFactoryZeroProposalThreshold();
        }
        if (config.warnAt >= config.blockAt || config.blockAt > 100) {
            revert CommunityFactoryInvalidThresholds(config.warnAt, config.blockAt);
        }
        _checkLimits(config.tokenLimits);
    }

    /// @dev How many communities this factory created.
    function communityCount() external view returns (uint256) {
        return _communities.length;
    }

    /// @dev The communities this factory created, oldest first: up to `limit` from `offset`, and the total.
    function communities(uint256 offset, uint256 limit) external view returns (Community[] memory page, uint256 total) {
        total = _communities.length;
        uint256 size = offset >= total ? 0 : total - offset < limit ? total - offset : limit;
        page = new Community[](size);
        for (uint256 i = 0; i < size; ++i) {
            page[i] = _communities[offset + i];
        }
    }

    /// @dev The community whose governor is `governor`; reverts with {CommunityFactoryUnknownCommunity} if
    /// this factory did not create it.
    function communityOf(address governor) external view returns (Community memory) {
        uint256 indexPlusOne = _communityIndex[governor];
        if (indexPlusOne == 0) revert CommunityFactoryUnknownCommunity(governor);
        return _communities[indexPlusOne - 1];
    }

    // ---------------------------------------------------------------- private helpers

    function _implementation(address implementation) private view returns (address) {
        if (implementation.code.length == 0) revert CommunityFactoryInvalidImplementation(implementation);
        return implementation;
    }

    function _writeFirstRules(PaymentPolicy policy, CommunityConfig calldata config) private {
        for (uint256 i = 0; i < config.tokenLimits.length; ++i) {
            IPaymentPolicy.TokenLimits calldata limits = config.tokenLimits[i];
            policy.setTokenLimits(limits.token, limits.maxSinglePayment, limits.dailyCap, limits.maxFirstPayment);
        }
        for (uint256 i = 0; i < config.merchants.length; ++i) {
            MerchantRule calldata rule = config.merchants[i];
            policy.setMerchantStatus(rule.merchant, rule.status, rule.note);
        }
        for (uint256 i = 0; i < config.origins.length; ++i) {
            policy.setOriginStatus(config.origins[i].name, config.origins[i].status, config.origins[i].note);
        }
        for (uint256 i = 0; i < config.domains.length; ++i) {
            policy.setDomainStatus(config.domains[i].name, config.domains[i].status, config.domains[i].note);
        }
    }

    function _checkHolders(address[] calldata holders, uint256[] calldata amounts) private pure {
        if (holders.length != amounts.length) revert CommunityFactoryAllocationMismatch(holders.length, amounts.length);
        if (holders.length == 0) revert CommunityFactoryNoHolders();
        for (uint256 i = 0; i < holders.length; ++i) {
            if (holders[i] == address(0) || amounts[i] == 0) revert CommunityFactoryInvalidHolder(i, holders[i], amounts[i]);
        }
    }

    function _checkRange(string memory field, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert CommunityFactoryValueOutOfRange(field, value, min, max);
    }

    /// @dev A zero limit means "no limit", so only two non-zero limits can contradict each other.
    function _checkLimits(IPaymentPolicy.TokenLimits[] calldata limits) private pure {
        for (uint256 i = 0; i < limits.length; ++i) {
            IPaymentPolicy.TokenLimits calldata l = limits[i];
            for (uint256 j = 0; j < i; ++j) {
                if (limits[j].token == l.token) revert CommunityFactoryDuplicateTokenLimits(l.token);
            }
            _checkNotAbove(l.token, "maxSinglePayment", l.maxSinglePayment, "dailyCap", l.dailyCap);
            _checkNotAbove(l.token, "maxFirstPayment", l.maxFirstPayment, "dailyCap", l.dailyCap);
            _checkNotAbove(l.token, "maxFirstPayment", l.maxFirstPayment, "maxSinglePayment", l.maxSinglePayment);
        }
    }

    function _checkNotAbove(
        address token,
        string memory field,
        uint256 value,
        string memory limitField,
        uint256 limit
    ) private pure {
        if (value != 0 && limit != 0 && value > limit) {
            revert CommunityFactoryContradictoryLimits(token, field, value, limitField, limit);
        }
    }
}
